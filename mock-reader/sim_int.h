/* Simulated card internals shared by sim*.c (not a public header).
 *
 * Everything a command can change is in mdf__sim_state_t, a fixed-size
 * struct with no pointers: reset copies the personalised image over it. */
#ifndef MDFUZZ_SIM_INT_H
#define MDFUZZ_SIM_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mdfuzz/reader/sim.h"

#define MDF__SIM_MAX_FILES 64
#define MDF__SIM_EF_MAX 4096
#define MDF__SIM_DATA_MAX 32768
#define MDF__SIM_NAME_MAX 16
#define MDF__SIM_RESP_MAX 4608 /* largest answer: a 4096-byte EF read, a key, a signature */
#define MDF__SIM_KEY_SLOTS 8
#define MDF__SIM_POOL 5 /* keys per algorithm: 0 personalised, 1..4 for GENERATE */
#define MDF__SIM_NONE 0xFF

#define MDF__SIM_FT_EF 0x01
#define MDF__SIM_FT_DF 0x38

/* Access condition byte values (FCP tag 86). */
#define MDF__SIM_AC_ALWAYS 0x00
#define MDF__SIM_AC_USER 0x01
#define MDF__SIM_AC_ADMIN 0x02
#define MDF__SIM_AC_NEVER 0xFF

#define MDF__SIM_PIN_USER 0
#define MDF__SIM_PIN_ADMIN 1

/* Status words the handlers return. */
enum {
  SW_OK = 0x9000,
  SW_WRONG_LENGTH = 0x6700,
  SW_SEC_NOT_SATISFIED = 0x6982,
  SW_AUTH_BLOCKED = 0x6983,
  SW_COND_NOT_SATISFIED = 0x6985,
  SW_NO_EF = 0x6986,
  SW_WRONG_DATA = 0x6A80,
  SW_NOT_FOUND = 0x6A82,
  SW_NO_SPACE = 0x6A84,
  SW_WRONG_P1P2 = 0x6A86,
  SW_REF_NOT_FOUND = 0x6A88,
  SW_EXISTS = 0x6A89,
  SW_WRONG_OFFSET = 0x6B00,
  SW_INS_UNKNOWN = 0x6D00,
  SW_CLA_UNKNOWN = 0x6E00,
  SW_UNKNOWN = 0x6F00,
  SW_AUTH_FAILED = 0x6300
};

typedef struct mdf__sim_file {
  uint8_t used;
  uint8_t type;   /* MDF__SIM_FT_EF / _DF */
  uint8_t parent; /* index of the parent DF (MF: itself) */
  uint8_t ac_read, ac_write;
  uint8_t name_len;
  uint16_t fid;
  uint16_t size; /* EF bytes */
  uint16_t off;  /* EF contents at state.data[off] */
  uint8_t name[MDF__SIM_NAME_MAX];
} mdf__sim_file_t;

typedef struct mdf__sim_pin {
  uint8_t value[16];
  uint8_t len;
  uint8_t tries, max_tries;
} mdf__sim_pin_t;

/* Field order matters for mdf_sim_reset: everything up to data[] is
 * restored, data[] only up to the personalised data_used (CREATE FILE zeroes
 * what it takes beyond that), resp[] is scratch and never restored. */
typedef struct mdf__sim_state {
  mdf__sim_file_t files[MDF__SIM_MAX_FILES]; /* index 0 is the MF */
  uint16_t data_used;
  uint8_t cur_df, cur_ef; /* file indexes; cur_ef MDF__SIM_NONE when no EF */
  mdf__sim_pin_t pins[2];
  bool user_verified, admin_verified;
  bool have_challenge;
  uint8_t challenge[8];
  uint64_t rng;
  uint8_t se_sign, se_decipher; /* key refs from MSE SET, 0 = none */
  /* Key slots for refs 01..08: bit 7 set = ECC, low bits = pool index; NONE = empty. */
  uint8_t keys[MDF__SIM_KEY_SLOTS];
  uint8_t next_rsa, next_ec;         /* next pool key GENERATE hands out */
  uint16_t pending_off, pending_len; /* GET RESPONSE data left in resp */
  uint8_t data[MDF__SIM_DATA_MAX];   /* EF contents, packed in file order */
  uint8_t resp[MDF__SIM_RESP_MAX];
} mdf__sim_state_t;

#define MDF__SIM_KEY_EC 0x80

/* A parsed command APDU. */
typedef struct mdf__sim_apdu {
  uint8_t cla, ins, p1, p2;
  const uint8_t *data;
  size_t lc;
  size_t ne; /* expected answer bytes (Le; 00 means 256 or 65536); 0 if no Le */
  bool has_le;
  bool ext; /* extended length */
} mdf__sim_apdu_t;

typedef struct mdf__sim_pubkey {
  uint8_t tlv[300]; /* 7F49 template as "read public key" returns it */
  uint16_t len;
} mdf__sim_pubkey_t;

typedef struct mdf__sim_crypto mdf__sim_crypto_t;

struct mdf_sim {
  mdf__sim_state_t st;
  mdf__sim_state_t personalised;
  mdf__sim_crypto_t *crypto;
};

/* Handler signature: answer data goes to st.resp, *out_len its length. */
typedef uint16_t (*mdf__sim_handler_fn)(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len);

/* sim_fs.c */
mdf_err_t mdf__sim_personalise(mdf__sim_state_t *st);
void mdf__sim_session_reset(mdf__sim_state_t *st);
bool mdf__sim_ac_ok(const mdf__sim_state_t *st, uint8_t ac);
uint16_t mdf__sim_select(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len);
uint16_t mdf__sim_read_binary(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len);
uint16_t mdf__sim_update_binary(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len);
uint16_t mdf__sim_create_file(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len);
uint16_t mdf__sim_delete_file(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len);

/* sim_auth.c */
uint16_t mdf__sim_verify(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len);
uint16_t mdf__sim_change_ref(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len);
uint16_t mdf__sim_reset_retry(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len);
uint16_t mdf__sim_get_challenge(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len);
uint16_t mdf__sim_ext_auth(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len);

/* sim_crypto.c */
mdf_err_t mdf__sim_crypto_new(mdf__sim_crypto_t **out);
void mdf__sim_crypto_free(mdf__sim_crypto_t *c);
uint16_t mdf__sim_mse(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len);
uint16_t mdf__sim_pso(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len);
uint16_t mdf__sim_keypair(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len);
/* 3DES-EDE-ECB of one 8-byte block with the admin key (EXTERNAL AUTHENTICATE). */
bool mdf__sim_3des(mdf__sim_crypto_t *c, const uint8_t in[8], uint8_t out[8]);

/* sim_keys.c */
typedef struct mdf__sim_blob {
  const uint8_t *p;
  size_t len;
} mdf__sim_blob_t;
extern const mdf__sim_blob_t mdf__sim_rsa_keys[MDF__SIM_POOL];
extern const mdf__sim_blob_t mdf__sim_ec_keys[MDF__SIM_POOL];
extern const mdf__sim_blob_t mdf__sim_rsa_cert;
extern const mdf__sim_blob_t mdf__sim_ec_cert;

#endif
