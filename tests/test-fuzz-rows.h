/* Test-local export rows covering every argument kind and every shared
 * struct descriptor, so the decoder tests do not depend on the real table
 * (fuzzers/exports/exports*.c) being complete.  Plus a deterministic PRNG. */
#ifndef MDF_TEST_FUZZ_ROWS_H
#define MDF_TEST_FUZZ_ROWS_H

#include <stdint.h>

#include "mdfuzz/fuzzers/decode.h"

static const mdf_domain_t t_dom_sign = {"s", NULL, 0, NULL, 0, &mdf_sd_signing_info, 0, NULL, 0};
static const mdf_domain_t t_dom_dec = {"d", NULL, 0, NULL, 0, &mdf_sd_rsa_decrypt_info, 0, NULL, 0};
static const mdf_domain_t t_dom_derive = {"k", NULL, 0, NULL, 0, &mdf_sd_derive_key, 0, NULL, 0};
static const mdf_domain_t t_dom_dh = {"h", NULL, 0, NULL, 0, &mdf_sd_dh_agreement_info, 0, NULL, 0};
static const mdf_domain_t t_dom_pin = {"p", NULL, 0, NULL, 0, &mdf_sd_pin_info, 0, NULL, 0};
static const mdf_domain_t t_dom_caps = {"c", NULL, 0, NULL, 0, &mdf_sd_card_capabilities,
                                        0,   NULL, 0};
static const mdf_domain_t t_dom_ci = {"ci", NULL, 0, NULL, 0, &mdf_sd_container_info, 0, NULL, 0};
static const mdf_domain_t t_dom_fi = {"fi", NULL, 0, NULL, 0, &mdf_sd_card_file_info, 0, NULL, 0};
static const mdf_domain_t t_dom_fs = {"fs", NULL, 0, NULL, 0, &mdf_sd_free_space_info, 0, NULL, 0};
static const mdf_domain_t t_dom_ks = {"ks", NULL, 0, NULL, 0, &mdf_sd_key_sizes, 0, NULL, 0};
static const mdf_domain_t t_dom_ikp = {"i", NULL, 0, NULL, 0, &mdf_sd_import_keypair, 0, NULL, 0};
static const mdf_domain_t t_dom_chg = {"g", NULL, 0, NULL, 0, &mdf_sd_change_authenticator,
                                       0,   NULL, 0};
static const mdf_domain_t t_dom_auth = {"a", NULL, 0, NULL, 0, &mdf_sd_authenticate, 0, NULL, 0};
static const mdf_domain_t t_dom_enc = {"e", NULL, 0, NULL, 0, &mdf_sd_encrypted_data, 2, NULL, 0};
static const mdf_named_t t_flags[] = {{"CARD_CREATE_CONTAINER_KEY_GEN", 1},
                                      {"CARD_CREATE_CONTAINER_KEY_IMPORT", 2}};
static const mdf_domain_t t_dom_flags = {"f", t_flags, 2, NULL, 0, NULL, 0, NULL, 0};

#define T_ARG(k, n, d)                                                                             \
  { k, n, NULL, d, 0, 0, 0, MDF_ROLE_NONE }
#define T_PAIR(k, n, n2, d)                                                                        \
  { k, n, n2, d, 0, 0, 0, MDF_ROLE_NONE }

static const mdf_export_t t_rows[] = {
    {"CardReadFile",
     4,
     6,
     {T_ARG(MDF_ARG_CARD_DATA, "pCardData", NULL),
      T_ARG(MDF_ARG_DIR_NAME, "pszDirectoryName", NULL),
      T_ARG(MDF_ARG_FILE_NAME, "pszFileName", NULL), T_ARG(MDF_ARG_FLAGS, "dwFlags", NULL),
      T_ARG(MDF_ARG_OUT_PTR, "ppbData", NULL), T_ARG(MDF_ARG_OUT_PTR, "pcbData", NULL)},
     NULL,
     NULL,
     NULL},
    {"KitchenSink",
     7,
     9,
     {T_ARG(MDF_ARG_CARD_DATA, "pCardData", NULL),
      T_ARG(MDF_ARG_BYTE, "bContainerIndex", &mdf_dom_container),
      T_ARG(MDF_ARG_DWORD, "dwKeySpec", &mdf_dom_key_spec),
      T_ARG(MDF_ARG_WSTR, "wszProperty", &mdf_dom_card_prop),
      T_PAIR(MDF_ARG_IN_BUF, "pbPin", "cbPin", &mdf_dom_user_pin),
      T_PAIR(MDF_ARG_OUT_BUF, "pbData", "cbData", &mdf_dom_prop_buf),
      T_ARG(MDF_ARG_OUT_PTR, "pdwDataLen", NULL), T_ARG(MDF_ARG_KEY_HANDLE, "hKey", NULL),
      T_ARG(MDF_ARG_FLAGS, "dwFlags", &t_dom_flags)},
     NULL,
     NULL,
     NULL},
    {"Crypto",
     7,
     5,
     {T_ARG(MDF_ARG_STRUCT, "pSign", &t_dom_sign), T_ARG(MDF_ARG_STRUCT, "pDecrypt", &t_dom_dec),
      T_ARG(MDF_ARG_STRUCT, "pDerive", &t_dom_derive), T_ARG(MDF_ARG_STRUCT, "pAgree", &t_dom_dh),
      T_ARG(MDF_ARG_DIR_NAME, "pszDirectoryName", &mdf_dom_dir)},
     NULL,
     NULL,
     NULL},
    {"Structs",
     7,
     10,
     {T_ARG(MDF_ARG_STRUCT, "pPinInfo", &t_dom_pin), T_ARG(MDF_ARG_STRUCT, "pCaps", &t_dom_caps),
      T_ARG(MDF_ARG_STRUCT, "pContainerInfo", &t_dom_ci),
      T_ARG(MDF_ARG_STRUCT, "pFileInfo", &t_dom_fi), T_ARG(MDF_ARG_STRUCT, "pFreeSpace", &t_dom_fs),
      T_ARG(MDF_ARG_STRUCT, "pKeySizes", &t_dom_ks), T_ARG(MDF_ARG_STRUCT, "pImport", &t_dom_ikp),
      T_ARG(MDF_ARG_STRUCT, "pChange", &t_dom_chg), T_ARG(MDF_ARG_STRUCT, "pAuth", &t_dom_auth),
      T_ARG(MDF_ARG_WSTR, "pwszUserId", &mdf_dom_user_id)},
     NULL,
     NULL,
     NULL},
    {"Arrays",
     7,
     4,
     {T_ARG(MDF_ARG_KEY_HANDLE, "hKey", NULL),
      T_ARG(MDF_ARG_WSTR, "pwszSecureFunction", &mdf_dom_secure_fn),
      T_PAIR(MDF_ARG_ARRAY, "pEncryptedData", "cEncryptedData", &t_dom_enc),
      T_PAIR(MDF_ARG_IN_BUF, "pbInput", "cbInput", NULL)},
     NULL,
     NULL,
     NULL},
};
#define T_NROWS (sizeof(t_rows) / sizeof(t_rows[0]))

static const mdf_export_t *const t_seq[] = {&t_rows[0], &t_rows[1], &t_rows[2], &t_rows[3],
                                            &t_rows[4]};

/* xorshift64*: deterministic inputs; high bytes favoured so rare selectors
 * show up often. */
static uint64_t t_rng = 0x9E3779B97F4A7C15u;
static uint64_t t_next(void) {
  t_rng ^= t_rng >> 12;
  t_rng ^= t_rng << 25;
  t_rng ^= t_rng >> 27;
  return t_rng * 0x2545F4914F6CDD1Du;
}
static size_t t_random_input(uint8_t *buf, size_t cap) {
  size_t n = (size_t)(t_next() % cap), i;

  for (i = 0; i < n; i++) {
    uint64_t r = t_next();

    buf[i] = (r & 3) == 0 ? (uint8_t)(0xC0 | (r >> 8)) : (r & 3) == 1 ? 0 : (uint8_t)(r >> 16);
    if ((r & 0x1F00) == 0) /* keep literal lengths small now and then */
      buf[i] &= 0x0F;
  }
  return n;
}

#endif
