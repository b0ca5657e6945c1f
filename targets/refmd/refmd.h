/* refmd: the reference minidriver for mdfuzz's simulated card.
 *
 * Internal header shared by the driver's files.  refmd is written the way a
 * vendor writes a minidriver on Windows: it includes only <windows.h>,
 * <winscard.h> and <cardmod.h>, talks to the card only through SCard* on
 * pCardData->hScard, and allocates only through the CSP callbacks.
 * docs/simcard.md is the APDU contract with the card.
 *
 * Every card answer is treated as hostile: lengths are checked against our
 * buffers before any copy, and every loop over card data is bounded.
 *
 * Planted-bug builds define one REFMD_BUG_* macro; each bug is one clearly
 * marked #ifdef block (grep PLANTED BUG): six in files.c (CardReadFile),
 * and one each for a struct version 0 (crypto.c), a 9-character name
 * (dirs.c), a failed pfnCspReAlloc and a multi-string without its final
 * NUL (files.c), a 6Cxx answer (pin.c) and a use after free across two
 * calls (pin.c). */
#ifndef REFMD_H
#define REFMD_H

#include <windows.h>
#include <winscard.h>
#include <cardmod.h>

/* ---- Limits ------------------------------------------------------------ */
#define REFMD_VERSION_MIN CARD_DATA_VERSION_FOUR
#define REFMD_VERSION_MAX CARD_DATA_VERSION_SEVEN
#define REFMD_CMD_MAX 528   /* largest C-APDU we build (extended, 512 data bytes) */
#define REFMD_RX_MAX 1280   /* largest answer we accept, GET RESPONSE parts included */
#define REFMD_GETRESP_MAX 8 /* GET RESPONSE rounds before giving up on a 61xx chain */
#define REFMD_CHUNK 256     /* READ BINARY / UPDATE BINARY bytes per APDU (short Le) */
#define REFMD_EF_MAX 4096   /* the card's largest EF */
#define REFMD_NAME_MAX 8    /* logical file and directory names: 1..8 ANSI chars */
#define REFMD_PIN_MAX 16    /* the card's PIN length limits */
#define REFMD_PIN_MIN 4
#define REFMD_CHALLENGE_LEN 8
#define REFMD_MAX_CONTAINERS 8 /* key references 01..08; container i uses key i+1 */
#define REFMD_MOD_MAX 512      /* RSA-4096 modulus bytes: more than any key we accept */
#define REFMD_EC_COORD 32      /* P-256 coordinate bytes */

/* Card file system (docs/simcard.md). */
#define REFMD_FID_MF 0x3F00
#define REFMD_FID_NAMEDIR 0x0DD0
#define REFMD_NAMEDIR_SIZE 384 /* 32 records of 12 bytes */
#define REFMD_REC_SIZE 12
#define REFMD_REC_COUNT (REFMD_NAMEDIR_SIZE / REFMD_REC_SIZE)
#define REFMD_FT_EF 0x01
#define REFMD_FT_DF 0x38
#define REFMD_AC_ALWAYS 0x00
#define REFMD_AC_USER 0x01
#define REFMD_AC_ADMIN 0x02
#define REFMD_AC_NEVER 0xFF
#define REFMD_PIN_USER 0x81
#define REFMD_PIN_ADMIN 0x82

#define REFMD_CMAP_REC_SIZE 86 /* sizeof(CONTAINER_MAP_RECORD) on the card */

/* ---- Per-context state (pvVendorSpecific, from pfnCspAlloc) ------------- */
#define REFMD_MAGIC 0x524D4431u /* "RMD1" */
typedef struct refmd_ctx {
  DWORD magic;
  BYTE cardid[16]; /* read at CardAcquireContext: proves the card is the sim */
  /* The last challenge handed out (REFMD_CHALLENGE_LEN bytes from
   * pfnCspAlloc, NULL if none): outstanding until a response uses it or the
   * admin is logged out; wiped and freed at the latest in CardDeleteContext. */
  BYTE *chal;
  HWND parent; /* CP_PARENT_WINDOW: kept, never used (refmd shows no UI) */
} refmd_ctx_t;

/* The context of a pCardData that passed refmd_check. */
#define REFMD_CTX(pCardData) ((refmd_ctx_t *)(pCardData)->pvVendorSpecific)

/* NULL pCardData or a context refmd did not create -> SCARD_E_INVALID_PARAMETER. */
DWORD refmd_check(PCARD_DATA pCardData);

/* ---- Card I/O (apdu.c) --------------------------------------------------- */
typedef struct refmd_apdu {
  BYTE cla, ins, p1, p2;
  const BYTE *data;
  DWORD lc; /* data bytes; > 255 makes the APDU extended */
  DWORD le; /* expected answer bytes: 0 = no Le field; 256 is short 00; > 256 extended */
} refmd_apdu_t;

/* One answer: data (GET RESPONSE parts appended) and the final status word. */
typedef struct refmd_rsp {
  DWORD len;
  WORD sw;
  DWORD le_fixed;              /* the Le a 6Cxx answer asked for (the command was resent), else 0 */
  BYTE data[REFMD_RX_MAX + 2]; /* + 2: room for the SW of the last part */
} refmd_rsp_t;

/* Transmit one command.  Handles 61xx (GET RESPONSE, bounded) and 6Cxx
 * (resend once with the card's Le).  Returns 0 when the card answered (the
 * SW is in rsp->sw, whatever it is) or the SCARD_* transport error. */
DWORD refmd_transmit(PCARD_DATA pCardData, const refmd_apdu_t *a, refmd_rsp_t *rsp);
/* refmd_transmit, then the SW mapped through refmd_sw_error. */
DWORD refmd_send(PCARD_DATA pCardData, const refmd_apdu_t *a, refmd_rsp_t *rsp);
/* The one SW -> SCARD_* table: 9000 -> 0, everything else an error code. */
DWORD refmd_sw_error(WORD sw);
/* SCardBeginTransaction / SCardEndTransaction on pCardData->hScard. */
DWORD refmd_begin(PCARD_DATA pCardData);
void refmd_end(PCARD_DATA pCardData);

/* ---- Card file system commands (card.c) -------------------------------- */
typedef struct refmd_fcp {
  BYTE type; /* REFMD_FT_EF / REFMD_FT_DF, 0 if absent */
  WORD fid;
  DWORD size; /* EF bytes (tag 80) */
  BOOL has_size;
  BYTE ac_read, ac_write; /* tag 86; REFMD_AC_NEVER when absent */
} refmd_fcp_t;

/* One BER-TLV length at p[*i] (forms 00..7F, 81 xx, 82 xxxx), advancing *i.
 * FALSE if malformed or if the value would run past n. */
BOOL refmd_tlv_len(const BYTE *p, DWORD n, DWORD *i, DWORD *len);
DWORD refmd_fcp_parse(const BYTE *p, DWORD n, refmd_fcp_t *fcp);
/* Select a DF (fid 0) or an EF in it; df 0 is the MF.  fcp NULL: no FCP asked. */
DWORD refmd_select(PCARD_DATA pCardData, WORD df, WORD fid, refmd_fcp_t *fcp);
/* Select a transparent EF whose FCP gives its size: SCARD_E_UNEXPECTED if
 * the card answers with anything else. */
DWORD refmd_select_ef(PCARD_DATA pCardData, WORD df, WORD fid, refmd_fcp_t *fcp);
/* One READ BINARY of want (1..256) bytes at off of the current EF.  Returns 0
 * for 9000 and 6282 (end of file reached early; see rsp->sw), else an error. */
DWORD refmd_read_chunk(PCARD_DATA pCardData, DWORD off, DWORD want, refmd_rsp_t *rsp);
/* Read n bytes at off of the current EF into buf, strictly (no short reads). */
DWORD refmd_read_binary(PCARD_DATA pCardData, DWORD off, BYTE *buf, DWORD n);
DWORD refmd_update_binary(PCARD_DATA pCardData, DWORD off, const BYTE *buf, DWORD n);
/* Create in the current DF; the card then selects the new file. */
DWORD refmd_create_ef(PCARD_DATA pCardData, WORD fid, DWORD size, BYTE ac_read, BYTE ac_write);
/* A DF whose 86 write byte (who may create and delete in it) is ac_write. */
DWORD refmd_create_df(PCARD_DATA pCardData, WORD fid, const char *name, BYTE ac_write);
DWORD refmd_delete_file(PCARD_DATA pCardData, WORD fid);
/* Is PIN ref (81/82) verified now?  Asks the card (VERIFY without data). */
DWORD refmd_pin_verified(PCARD_DATA pCardData, BYTE ref, BOOL *verified);
/* 0 if the current principal satisfies access byte ac, else SCARD_W_SECURITY_VIOLATION. */
DWORD refmd_ac_allowed(PCARD_DATA pCardData, BYTE ac);
/* 0 if the user or the admin is verified, else SCARD_W_SECURITY_VIOLATION. */
DWORD refmd_any_verified(PCARD_DATA pCardData);
/* GET DATA free space: free EF bytes, free key slots, max key slots. */
DWORD refmd_free_space(PCARD_DATA pCardData, DWORD *bytes, DWORD *slots, DWORD *max_slots);

/* ---- Logical names and name directories (names.c) ----------------------- */
enum { REFMD_NAME_OK = 0, REFMD_NAME_BAD_LEN, REFMD_NAME_BAD_CHAR };
/* Checks a logical name and copies it lower-cased into out. */
int refmd_name_check(LPCSTR name, char out[REFMD_NAME_MAX + 1]);
BOOL refmd_name_empty(LPCSTR name);

typedef struct refmd_rec {
  char name[REFMD_NAME_MAX + 1];
  WORD fid;
  BYTE type;
  BYTE acl;
} refmd_rec_t;

/* A DF's name directory as read from the card. */
typedef struct refmd_namedir {
  WORD df;       /* 0 = MF */
  BYTE ac_write; /* who may change it: the directory's create/delete rule */
  DWORD nrec;
  BOOL partial; /* the EF ends in a partial record (ignored): never on an honest card */
  BYTE raw[REFMD_NAMEDIR_SIZE];
} refmd_namedir_t;

DWORD refmd_namedir_load(PCARD_DATA pCardData, WORD df, refmd_namedir_t *nd);
/* Record i if it is in use and well formed. */
BOOL refmd_namedir_get(const refmd_namedir_t *nd, DWORD i, refmd_rec_t *rec);
/* Index of the record named name (lower-case) of the given type, or -1. */
int refmd_namedir_find(const refmd_namedir_t *nd, const char *name, BYTE type);
/* Any record with this name, whatever its type. */
int refmd_namedir_find_any(const refmd_namedir_t *nd, const char *name);
/* First all-zero record, or -1. */
int refmd_namedir_free_slot(const refmd_namedir_t *nd);
BOOL refmd_namedir_fid_used(const refmd_namedir_t *nd, WORD fid);
/* A FID for a new child: base + k * step, k = 1.., not used in nd; 0 if none. */
WORD refmd_namedir_new_fid(const refmd_namedir_t *nd, WORD base, WORD step);
/* Write record i (rec NULL clears it) to the card and to nd. */
DWORD refmd_namedir_store(PCARD_DATA pCardData, refmd_namedir_t *nd, DWORD i,
                          const refmd_rec_t *rec);

/* Where a logical path points: the directory and, once resolved, the file. */
typedef struct refmd_loc {
  WORD df;            /* 0 = root (MF) */
  DWORD dir_ac;       /* CARD_DIRECTORY_ACCESS_CONDITION of the directory */
  refmd_namedir_t nd; /* the directory's name directory */
  int idx;            /* record index of the file, -1 if none */
  refmd_rec_t rec;
  char name[REFMD_NAME_MAX + 1];
} refmd_loc_t;

/* Directory checks every file export makes in the same order: name length,
 * characters, existence (SCARD_E_DIR_NOT_FOUND).  dir NULL is the root. */
DWORD refmd_resolve_dir(PCARD_DATA pCardData, LPCSTR dir, refmd_loc_t *loc);
/* File name checks, then lookup in loc.  bad_char is the code for forbidden
 * characters (the requirements differ per export). */
DWORD refmd_resolve_file(LPCSTR file, DWORD bad_char, refmd_loc_t *loc);

/* The requirements order some argument checks after the directory lookup
 * (a bad file name after "directory not found", dwFlags after "file not
 * found").  When the card fails during that lookup (removed, reset,
 * garbage), an argument error the caller can see must still win over the
 * card's error: given the lookup's result rc and the directory argument,
 * returns rc unless it is such a card failure and file (may be NULL) is
 * malformed (-> SCARD_E_INVALID_PARAMETER or bad_char) or late (the next
 * argument error in the export's order) is non-zero. */
DWORD refmd_arg_first(DWORD rc, LPCSTR dir, LPCSTR file, DWORD bad_char, DWORD late);
/* How every file and directory export starts: open the transaction (*tx
 * TRUE when it must be ended), resolve the directory, then refmd_arg_first
 * with file, bad_char and late. */
DWORD refmd_open_dir(PCARD_DATA pCardData, LPCSTR dir, LPCSTR file, DWORD bad_char, DWORD late,
                     refmd_loc_t *loc, BOOL *tx);

/* ---- Keys (keys.c) ------------------------------------------------------- */
typedef struct refmd_key {
  BYTE ref; /* card key reference */
  BOOL kx;  /* container's key sits in the key-exchange slot */
  BOOL ecc;
  DWORD bits;
  DWORD mod_len; /* RSA modulus bytes */
  BYTE mod[REFMD_MOD_MAX];
  DWORD exp; /* RSA public exponent */
  BYTE xy[2 * REFMD_EC_COORD];
} refmd_key_t;

/* Container index -> its key (cmapfile record + the card's public key).
 * SCARD_E_NO_KEY_CONTAINER when the index is out of range or not valid. */
DWORD refmd_key_load(PCARD_DATA pCardData, BYTE index, refmd_key_t *key);
/* The card's public key template (7F49 ...), as "read public key" and
 * GENERATE KEY PAIR answer it; fills mod/exp or xy, bits and ecc. */
DWORD refmd_pubkey_parse(const BYTE *p, DWORD n, refmd_key_t *key);
/* Does dwKeySpec name this key? 0, or SCARD_E_INVALID_PARAMETER. */
DWORD refmd_keyspec_check(const refmd_key_t *key, DWORD spec);
/* MSE SET for signing (B6) or deciphering (B8) with the key. */
DWORD refmd_mse_set(PCARD_DATA pCardData, BYTE crt, BYTE ref);

/* Reverse n bytes in place (CAPI little-endian <-> card big-endian). */
void refmd_reverse(BYTE *p, DWORD n);
/* Wide-string equality bounded by the literal: never reads past its NUL. */
BOOL refmd_wcs_eq(LPCWSTR s, LPCWSTR lit);

/* ---- Authentication helpers (pin.c), shared with the v6 exports ---------- */
/* The card PIN reference of a PIN_ID (ROLE_USER 81, ROLE_ADMIN 82), or 0. */
BYTE refmd_role_ref(PIN_ID id);
/* VERIFY ref with a 4..16 byte PIN; a failure logs the reference out and
 * sets *attempts (may be NULL) from 63Cx / 6983. */
DWORD refmd_verify(PCARD_DATA pCardData, BYTE ref, const BYTE *pin, DWORD len, PDWORD attempts);
/* Clear ref's verified state on the card (answer ignored). */
void refmd_deauth(PCARD_DATA pCardData, BYTE ref);
/* CHANGE REFERENCE DATA ref: old and new are 4..16 bytes (checked by the caller). */
DWORD refmd_change_pin(PCARD_DATA pCardData, BYTE ref, const BYTE *cur, DWORD cur_len,
                       const BYTE *nw, DWORD nw_len, PDWORD attempts);
/* RESET RETRY COUNTER of the user PIN with the admin PIN (both 4..16 bytes);
 * logs both out afterwards. */
DWORD refmd_unblock_user(PCARD_DATA pCardData, const BYTE *admin, DWORD admin_len, const BYTE *nw,
                         DWORD nw_len, PDWORD attempts);
/* GET CHALLENGE into a new pfnCspAlloc block for the caller, remembered in
 * the context as the outstanding challenge.  Outputs are zeroed first. */
DWORD refmd_get_challenge(PCARD_DATA pCardData, PBYTE *out, PDWORD out_len);
/* Drop the outstanding challenge (a logout voids it). */
void refmd_forget_challenge(PCARD_DATA pCardData);

/* ---- Containers (containers.c) ------------------------------------------- */
/* Container index -> key type the card's slot holds (docs/simcard.md:
 * GENERATE KEY PAIR gives odd references, i.e. even indexes, RSA-2048). */
#define REFMD_SLOT_IS_RSA(index) (((index)&1) == 0)

/* ---- Properties (props.c) ---------------------------------------------------- */
/* Hand a property value of len bytes to the caller: *pdwDataLen = len, and
 * ERROR_INSUFFICIENT_BUFFER when cbData is smaller (or pbData NULL).  A
 * versioned struct keeps the dwVersion the caller wrote. */
DWORD refmd_prop_out(const BYTE *val, DWORD len, PBYTE pbData, DWORD cbData, PDWORD pdwDataLen,
                     BOOL versioned);

#endif
