/* The export table: one row per Card* export a fuzz target can call.
 *
 * A row says how to decode the export's arguments (an array of argument
 * specs: kind, parameter name, domain), how to call it through CARD_DATA,
 * what its output contract is and how its CMR error conditions are answered
 * for one call.  Adding an export is adding a row in fuzzers/exports/exports*.c (and
 * its name to the MDFUZZ_EXPORTS list in fuzzers/CMakeLists.txt).
 *
 * Values: the decoder (include/mdfuzz/decode.h) turns input bytes into one
 * mdf_arg_t per spec.  Variable data (names, wide strings, buffers, struct
 * members) lives in the arena of the mdf_case_t that holds the args, so an
 * mdf_arg_t's pointers are valid as long as that case is. */
#ifndef MDFUZZ_EXPORTS_H
#define MDFUZZ_EXPORTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mdfuzz/harness/cmr.h"
#include "mdfuzz/harness/harness.h"

/* ---- argument kinds ------------------------------------------------------ */

/* One decoding rule each.  "pair" kinds cover two C parameters (or two
 * struct members): a pointer and the length/capacity/count after it. */
typedef enum mdf_arg_kind {
  MDF_ARG_CARD_DATA = 0, /* PCARD_DATA: the session's, rarely NULL */
  MDF_ARG_DIR_NAME,      /* LPSTR directory: NULL (root), known, edge, literal */
  MDF_ARG_FILE_NAME,     /* LPSTR file: known, NULL, edge, literal */
  MDF_ARG_FLAGS,         /* DWORD flags: mostly 0 / a valid flag of dom, sometimes unknown bits */
  MDF_ARG_DWORD,         /* DWORD from dom->values (first is honest) or literal */
  MDF_ARG_BYTE,          /* BYTE (container / agreement index) from dom->values or literal */
  MDF_ARG_WSTR,          /* LPCWSTR: dom->strings (first is honest), literal, empty, NULL */
  MDF_ARG_IN_BUF,        /* pair PBYTE pb + DWORD cb: bytes; cb exact, 0, 1, +-1, huge; pb NULL */
  MDF_ARG_OUT_PTR,    /* pointer the export writes through (PBYTE*, PDWORD, ...): valid or NULL */
  MDF_ARG_OUT_BUF,    /* pair PBYTE pb + DWORD cb: caller's buffer of capacity cb, usually
                       * followed by an OUT_PTR out length */
  MDF_ARG_STRUCT,     /* pointer to a struct (dom->sdesc): NULL or valid, dwVersion, members */
  MDF_ARG_ARRAY,      /* pair: pointer to dom->sdesc elements + DWORD count */
  MDF_ARG_KEY_HANDLE, /* CARD_KEY_HANDLE: 0, garbage, or one returned earlier in the session */
  MDF_ARG_OUT_VAL,    /* struct member the driver writes: what the caller leaves in it */
  MDF_ARG_KIND_COUNT
} mdf_arg_kind_t;

/* ---- domains and struct descriptors ------------------------------------ */

/* A named 32-bit value, for decoding choices and for printing. */
typedef struct mdf_named {
  const char *name; /* "AT_KEYEXCHANGE", "CARD_CREATE_CONTAINER_KEY_GEN", ... */
  uint32_t value;
} mdf_named_t;

typedef struct mdf_struct_desc mdf_struct_desc_t;

/* Kind-specific data of a spec; every member optional (NULL / 0).
 *   FLAGS:     values = the valid single flags (0 is always a choice)
 *   DWORD/BYTE/OUT_VAL: values = interesting values, values[0] is honest
 *   DIR_NAME/FILE_NAME: strings = known names (a NULL entry is the NULL
 *                       name); FILE_NAME: strings[0] is honest; DIR_NAME:
 *                       honest is NULL (the root) when dom is NULL or
 *                       &mdf_dom_dir, else strings[0] (e.g. a new
 *                       directory's name for CardCreateDirectory).  Without a domain the lists of
 *                       mdf_dom_dir / mdf_dom_file are used.
 *   WSTR:      strings = known strings (ASCII, widened), strings[0] honest
 *   IN_BUF:    honest/honest_len = the honest bytes (e.g. the sim card's PIN),
 *              else `typical` zero bytes
 *   OUT_BUF:   typical = the capacity an honest caller passes
 *   STRUCT:    sdesc
 *   ARRAY:     sdesc = element descriptor; typical = honest count (0 -> 1) */
typedef struct mdf_domain {
  const char *name; /* what the values are, e.g. "key spec" */
  const mdf_named_t *values;
  uint8_t nvalues;
  const char *const *strings;
  uint8_t nstrings;
  const mdf_struct_desc_t *sdesc;
  uint32_t typical;
  const uint8_t *honest;
  uint32_t honest_len;
} mdf_domain_t;

/* ---- argument roles ------------------------------------------------------ */

/* What an argument is to the shared CMR classifier
 * (fuzzers/exports/exports_classify.c): the NULL card data, the directory
 * whose name rules apply, the output pointer of NULL_DATA_OUT, ...  A spec
 * says its role once; the classifier finds the argument of a role through
 * mdf_export_role.  At most one spec of a row has a role; NONE: an argument
 * no shared rule reads (a row's own conditions may still read it).  Struct
 * members have no role. */
typedef enum mdf_arg_role {
  MDF_ROLE_NONE = 0,
  MDF_ROLE_CD,      /* PCARD_DATA: NULL_CARD_DATA */
  MDF_ROLE_DIR,     /* directory name: the BAD_DIR_* rules, NO_DIR */
  MDF_ROLE_FILE,    /* file name: the BAD_FILE_* rules */
  MDF_ROLE_FLAGS,   /* dwFlags: BAD_FLAGS against the row's valid bits */
  MDF_ROLE_OUT,     /* data output pointer: NULL_DATA_OUT */
  MDF_ROLE_LEN,     /* length output pointer: NULL_LEN_OUT */
  MDF_ROLE_ST,      /* struct pointer: NULL_STRUCT, BAD_STRUCT_VERSION (its domain's sdesc) */
  MDF_ROLE_IN,      /* input buffer: NULL_DATA_IN, ZERO_LEN */
  MDF_ROLE_USER,    /* user name: NULL_USER_ID, BAD_USER_ID */
  MDF_ROLE_PIN,     /* PIN buffer: NULL_PIN, BAD_PIN_LEN */
  MDF_ROLE_AUTH,    /* authenticator buffer: NULL_AUTH_DATA, ZERO_AUTH_LEN */
  MDF_ROLE_NEWPIN,  /* new PIN buffer: NULL_NEW_PIN, ZERO_NEW_PIN_LEN */
  MDF_ROLE_RETRY,   /* retry count: BAD_RETRY_COUNT */
  MDF_ROLE_KEYSPEC, /* key spec: BAD_KEYSPEC */
  MDF_ROLE_PIN_ID,  /* PIN id: BAD_PIN_ID */
  MDF_ROLE_PROP,    /* property name: UNKNOWN_PROPERTY */
  MDF_ROLE_ALG,     /* algorithm name: NULL_ALG */
  MDF_ROLE_BLOB,    /* blob type name: NULL_BLOB_TYPE */
  MDF_ROLE_KEY_OUT, /* key handle output pointer: NULL_KEY_OUT */
  MDF_ROLE_SECFN,   /* secure function name: NULL_SECURE_FUNCTION */
  MDF_ROLE_KEY,     /* key handle argument (no shared rule yet) */
  MDF_ROLE_COUNT
} mdf_arg_role_t;

/* One argument of an export, or one member of a struct. */
typedef struct mdf_arg_spec {
  uint8_t kind;            /* mdf_arg_kind_t */
  const char *name;        /* parameter / member name: "pszFileName" */
  const char *name2;       /* pair kinds: the length/capacity/count one ("cbData") */
  const mdf_domain_t *dom; /* NULL: kind defaults (no known values) */
  /* Struct members only: byte offsets of the member and of its pair (so a
   * generic builder can lay the struct out) and the first struct version
   * that has the member (0 or 1: every version). */
  uint16_t off, off2;
  uint32_t since;
  uint8_t role; /* mdf_arg_role_t; arguments of a row only */
} mdf_arg_spec_t;

#define MDF_MAX_VERSIONS 4
#define MDF_MAX_FIELDS 12

/* A struct passed by pointer.  Versioned structs start with DWORD dwVersion
 * (not listed in fields); the harness allocates exactly
 * mdf_struct_size(desc, dwVersion) bytes so a driver reading v2 members of
 * a v1 struct is caught by ASan. */
struct mdf_struct_desc {
  const char *name; /* "CARD_SIGNING_INFO" */
  uint32_t current; /* current version; 0: not versioned (no dwVersion) */
  uint8_t nversions;
  struct {
    uint32_t version;           /* a valid dwVersion (1, 2 / 7 / ...) */
    uint32_t size;              /* bytes of the struct at that version */
  } versions[MDF_MAX_VERSIONS]; /* ascending; an unversioned struct has one, version 0 */
  uint8_t nfields;
  const mdf_arg_spec_t *fields; /* members after dwVersion, in order */
};

/* Bytes to allocate for desc at version v: v 0 -> the first version's size
 * (0 means 1), a listed version -> its size, anything else -> the largest. */
size_t mdf_struct_size(const mdf_struct_desc_t *desc, uint32_t v);

/* ---- decoded values ----------------------------------------------------- */

/* KEY_HANDLE choices (mdf_arg_t.how). */
enum {
  MDF_KEY_LITERAL = 0, /* u32 is the handle value (0 or garbage) */
  MDF_KEY_EARLIER = 1  /* u32 = n: the n-th most recent handle returned earlier in this
                        * session (0 = the latest); the glue resolves it, 0 if none */
};

/* The decoded value of one spec.  Which members mean something depends on
 * the kind:
 *   CARD_DATA, OUT_PTR: is_null
 *   DIR_NAME/FILE_NAME: is_null; data = bytes + NUL, len = bytes before it
 *                       (embedded NULs possible; C sees strlen(data))
 *   FLAGS, DWORD, BYTE, OUT_VAL: u32
 *   WSTR:     is_null; data = WCHARs (host order) + a 0 WCHAR, len = WCHARs
 *   IN_BUF:   is_null (pb NULL); data/len = the bytes; u32 = declared cb
 *   OUT_BUF:  is_null (pb NULL); u32 = declared capacity cb
 *   STRUCT:   is_null; u32 = dwVersion; sub[nsub] = one value per desc field
 *   ARRAY:    is_null; u32 = declared count; sub[nsub] = nsub elements, each
 *             a STRUCT value (is_null false) of the element descriptor
 *   KEY_HANDLE: how (MDF_KEY_*), u32 */
typedef struct mdf_arg {
  bool is_null;
  uint8_t how;
  uint16_t nsub;
  uint32_t u32;
  uint32_t len;
  const void *data;
  const struct mdf_arg *sub;
} mdf_arg_t;

/* Helpers for the common reads. */
static inline const char *mdf_arg_str(const mdf_arg_t *a) {
  return a->is_null || a->data == NULL ? NULL : (const char *)a->data;
}
static inline const uint8_t *mdf_arg_bytes(const mdf_arg_t *a) {
  return (const uint8_t *)a->data;
}

/* ---- the export row ----------------------------------------------------- */

#define MDF_MAX_ARGS 10
#define MDF_NAME_MAX 40 /* longest literal dir/file name the decoder makes */

/* Outputs an export writes, owned by the caller of invoke (the glue zeroes
 * it per call).  Rows use what they need. */
typedef struct mdf_outputs {
  PBYTE pb;  /* e.g. *ppbData */
  DWORD cb;  /* e.g. *pcbData */
  PBYTE pb2; /* a second returned buffer */
  DWORD cb2;
  DWORD dw[4];         /* DWORD outputs: attempts remaining, data length, ... */
  CARD_KEY_HANDLE key; /* *phKey */
  void *mem;           /* storage invoke allocated for the call (freed by the contract) */
  char names[2][MDF_NAME_MAX + 1]; /* writable copies of name arguments */
} mdf_outputs_t;

/* The per-session state of export calls, passed to every invoke and
 * contract instead of living in globals: the harness whose caller-side
 * memory and oracles a call uses, the key handles the session's calls
 * returned (for later KEY_HANDLE arguments) and the reserved backing of
 * huge declared lengths.  Owned by the caller (the fuzz glue embeds one in
 * its environment); no allocation. */
#define MDF_EXPORT_KEYS 8 /* key handles remembered, most recent last */
#define MDF_EXPORT_HUGE 4 /* huge declared lengths backed per call */
typedef struct mdf_export_ctx {
  mdf_harness_t *h;
  CARD_KEY_HANDLE keys[MDF_EXPORT_KEYS];
  unsigned nkeys;
  struct {
    void *p;
    size_t n;
  } huge[MDF_EXPORT_HUGE];
  unsigned nhuge;
} mdf_export_ctx_t;

/* Start x for harness h: no key handles, no mappings. */
void mdf_export_ctx_init(mdf_export_ctx_t *x, mdf_harness_t *h);
/* Per input (the fuzz glue's one reset): forget the key handles and release
 * the last call's mappings.  Also what ends x. */
void mdf_export_ctx_reset(mdf_export_ctx_t *x);
/* Per call, before invoke: release the previous call's mappings (its
 * caller-side memory is the harness's, released by mdf_harness_enter). */
void mdf_export_ctx_next_call(mdf_export_ctx_t *x);

/* invoke's answer when the entry point is NULL in CARD_DATA (optional
 * exports): no call was made, nothing is judged. */
#define MDF_EXPORT_NOT_CALLED ((DWORD)0xFFFFFFF7u)

typedef struct mdf_export mdf_export_t;

/* What a row's classify gets as its arg: the row and the values of one
 * call of it (ex->nargs of them). */
typedef struct mdf_export_args {
  const mdf_export_t *ex;
  const mdf_arg_t *args;
} mdf_export_args_t;

struct mdf_export {
  const char *name;  /* "CardReadFile" */
  DWORD min_version; /* CARD_DATA version that has it */
  uint8_t nargs;     /* specs in args[] (a pair kind counts once) */
  mdf_arg_spec_t args[MDF_MAX_ARGS];
  /* Call the export through cd with args (nargs values); outputs land in
   * out; caller-side memory and earlier key handles come from x.  Returns
   * the export's code or MDF_EXPORT_NOT_CALLED. */
  DWORD (*invoke)(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *args, mdf_outputs_t *out);
  /* Check and release what a call returned (output contract, oracles of
   * x->h); key handles it returned are added to x. */
  void (*contract)(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *args, mdf_outputs_t *out);
  /* The export's CMR error conditions; arg is a const mdf_export_args_t
   * (this row and the call's values). */
  mdf_cmr_classify_cb classify;
};

/* All rows; *n gets the count. */
const mdf_export_t *mdf_exports(size_t *n);
/* Row by export name, NULL if none. */
const mdf_export_t *mdf_export_find(const char *name);
/* Index in ex->args of the spec whose role is role, -1 if none (or role is
 * MDF_ROLE_NONE).  For a row of mdf_exports() a table lookup (the table
 * derives every row's positions once, when it is first used); for another
 * row, a walk of its specs. */
int mdf_export_role(const mdf_export_t *ex, mdf_arg_role_t role);

/* ---- shared domains and descriptors (fuzzers/decode/decode_domains.c) --------- */
/* Rows may use these or their own.  Honest values first. */
extern const mdf_domain_t mdf_dom_dir;       /* "mscp", "mscerts", ... */
extern const mdf_domain_t mdf_dom_file;      /* "cardid", "cardcf", "cmapfile", ... */
extern const mdf_domain_t mdf_dom_user_id;   /* wszCARD_USER_USER, ..._ADMIN, ..._EVERYONE */
extern const mdf_domain_t mdf_dom_card_prop; /* CP_* */
extern const mdf_domain_t mdf_dom_cont_prop; /* CCP_* */
extern const mdf_domain_t mdf_dom_key_prop;  /* CKP_* */
extern const mdf_domain_t mdf_dom_alg_id;    /* BCRYPT algorithm ids */
extern const mdf_domain_t mdf_dom_blob_type; /* BCRYPT blob types */
extern const mdf_domain_t mdf_dom_secure_fn; /* secure function names */
extern const mdf_domain_t mdf_dom_kdf;       /* KDF names */
extern const mdf_domain_t mdf_dom_key_spec;  /* AT_* */
extern const mdf_domain_t mdf_dom_key_size;  /* bit lengths */
extern const mdf_domain_t mdf_dom_pin_id;    /* ROLE_* PIN ids */
extern const mdf_domain_t mdf_dom_pin_set;   /* PIN_SET bit masks */
extern const mdf_domain_t mdf_dom_retry;     /* retry counts */
extern const mdf_domain_t mdf_dom_container; /* container indexes */
extern const mdf_domain_t mdf_dom_dir_ac;    /* CARD_DIRECTORY_ACCESS_CONDITION */
extern const mdf_domain_t mdf_dom_file_ac;   /* CARD_FILE_ACCESS_CONDITION */
extern const mdf_domain_t mdf_dom_file_size; /* initial file sizes */
extern const mdf_domain_t mdf_dom_user_pin;  /* the sim card's user PIN "1234" */
extern const mdf_domain_t mdf_dom_admin_pin; /* the sim card's admin PIN */
extern const mdf_domain_t mdf_dom_prop_buf;  /* property output capacity */

extern const mdf_struct_desc_t mdf_sd_card_capabilities;
extern const mdf_struct_desc_t mdf_sd_container_info;
extern const mdf_struct_desc_t mdf_sd_card_file_info;
extern const mdf_struct_desc_t mdf_sd_free_space_info;
extern const mdf_struct_desc_t mdf_sd_key_sizes;
extern const mdf_struct_desc_t mdf_sd_signing_info;     /* v1, v2 */
extern const mdf_struct_desc_t mdf_sd_rsa_decrypt_info; /* v1, v2 */
extern const mdf_struct_desc_t mdf_sd_dh_agreement_info;
extern const mdf_struct_desc_t mdf_sd_derive_key; /* v1, v2 */
extern const mdf_struct_desc_t mdf_sd_pin_info;
extern const mdf_struct_desc_t mdf_sd_padding_info;   /* BCRYPT_*_PADDING_INFO (union) */
extern const mdf_struct_desc_t mdf_sd_ncrypt_buffer;  /* one NCryptBuffer */
extern const mdf_struct_desc_t mdf_sd_encrypted_data; /* CARD_ENCRYPTED_DATA element */
extern const mdf_struct_desc_t mdf_sd_import_keypair; /* v7 key injection */
extern const mdf_struct_desc_t mdf_sd_change_authenticator;
extern const mdf_struct_desc_t mdf_sd_authenticate;

#endif
