/* Rows: key containers and the crypto operations (sign, decrypt, DH
 * agreement, key derivation). */
#include "exports_int.h"
#include "mdfuzz/common/finding.h"
#include "mdfuzz/common/finding_ids.h"

#define CD MDF__ARG_R(MDF_ARG_CARD_DATA, "pCardData", NULL, MDF_ROLE_CD)
#define IDX MDF__ARG(MDF_ARG_BYTE, "bContainerIndex", &mdf_dom_container)
#define ST(n, sd) MDF__ARG_R(MDF_ARG_STRUCT, n, sd, MDF_ROLE_ST)
#define FLAGS MDF__ARG_R(MDF_ARG_FLAGS, "dwFlags", NULL, MDF_ROLE_FLAGS)

static const mdf_domain_t dom_cinfo = {"container info",       NULL, 0,    NULL, 0,
                                       &mdf_sd_container_info, 0,    NULL, 0};
static const mdf_domain_t dom_sign = {"signing info",       NULL, 0,    NULL, 0,
                                      &mdf_sd_signing_info, 0,    NULL, 0};
static const mdf_domain_t dom_dec = {"decrypt info",           NULL, 0,    NULL, 0,
                                     &mdf_sd_rsa_decrypt_info, 0,    NULL, 0};
static const mdf_domain_t dom_dh = {"DH agreement info",       NULL, 0,    NULL, 0,
                                    &mdf_sd_dh_agreement_info, 0,    NULL, 0};
static const mdf_domain_t dom_derive = {"derive key",       NULL, 0,    NULL, 0,
                                        &mdf_sd_derive_key, 0,    NULL, 0};
static const mdf_named_t create_flags[] = {
    {"CARD_CREATE_CONTAINER_KEY_GEN", CARD_CREATE_CONTAINER_KEY_GEN},
    {"CARD_CREATE_CONTAINER_KEY_IMPORT", CARD_CREATE_CONTAINER_KEY_IMPORT},
    {"0", 0}};
static const mdf_domain_t dom_create_flags = {
    "create flags", create_flags, 3, NULL, 0, NULL, 0, NULL, 0};
static const mdf_domain_t dom_key_blob = {"key blob", NULL, 0, NULL, 0, NULL, 64, NULL, 0};

/* ---- CardCreateContainer(Ex) (pCardData, bContainerIndex, dwFlags, dwKeySpec,
 *      dwKeySize, pbKeyData[, PinId]) ---- */
static DWORD mkc_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  DWORD cb;
  PBYTE pb = mdf__ex_in(x, &a[5], &cb);

  (void)o;
  return cd->pfnCardCreateContainer(MDF__CD(cd, a[0]), (BYTE)a[1].u32, a[2].u32, a[3].u32, a[4].u32,
                                    pb);
}
static DWORD mkcx_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  DWORD cb;
  PBYTE pb = mdf__ex_in(x, &a[5], &cb);

  (void)o;
  return MDF__CALL(cd, pfnCardCreateContainerEx, MDF__CD(cd, a[0]), (BYTE)a[1].u32, a[2].u32,
                   a[3].u32, a[4].u32, pb, a[6].u32);
}
/* dwKeySize and pbKeyData (positions of both invokes) have no role: only
 * these conditions read them. */
static int mkc_special(mdf_cmr_cond_t cond, const mdf_export_args_t *c, char *why, size_t cap) {
  static const DWORD ecc_bits[] = {256, 384, 521, 256, 384, 521}; /* AT_ECDSA_P256.. */
  const mdf_arg_t *a = c->args;
  DWORD flags, spec, size = a[4].u32;

  switch (cond) {
  case MDF_COND_NULL_KEY_DATA:
    MDF_CMR_WHY(why, cap, "key import with pbKeyData=NULL");
    flags = mdf__arg_role(c, MDF_ROLE_FLAGS)->u32;
    return mdf__yes_if(flags == CARD_CREATE_CONTAINER_KEY_IMPORT && a[5].is_null);
  case MDF_COND_BAD_FLAGS:
    flags = mdf__arg_role(c, MDF_ROLE_FLAGS)->u32;
    MDF_CMR_WHY(why, cap, "dwFlags=0x%X", (unsigned)flags);
    return mdf__yes_if(flags != CARD_CREATE_CONTAINER_KEY_GEN &&
                       flags != CARD_CREATE_CONTAINER_KEY_IMPORT);
  case MDF_COND_BAD_KEYSIZE: /* ECC: 0 (or the curve's size, widely accepted) */
    spec = mdf__arg_role(c, MDF_ROLE_KEYSPEC)->u32;
    MDF_CMR_WHY(why, cap, "dwKeySize=%u for key spec %u", (unsigned)size, (unsigned)spec);
    if (spec >= AT_ECDSA_P256 && spec <= AT_ECDHE_P521)
      return size == 0 || size == ecc_bits[spec - AT_ECDSA_P256] ? MDF_NO : MDF_YES;
    return MDF_MAYBE; /* RSA sizes are the card's */
  default:
    return -1;
  }
}
static const mdf__roles_t mkc_roles = {.special = mkc_special};
MDF__CLASSIFIER(mkc_classify, mkc_roles)
MDF__CLASSIFIER(mkcx_classify, mkc_roles)

/* ---- CardDeleteContainer (pCardData, bContainerIndex, dwReserved) ---- */
static DWORD rmc_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  (void)x;
  (void)o;
  return cd->pfnCardDeleteContainer(MDF__CD(cd, a[0]), (BYTE)a[1].u32, a[2].u32);
}

/* ---- CardGetContainerInfo (pCardData, bContainerIndex, dwFlags, pContainerInfo) ---- */
static DWORD cinfo_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a,
                          mdf_outputs_t *o) {
  return cd->pfnCardGetContainerInfo(MDF__CD(cd, a[0]), (BYTE)a[1].u32, a[2].u32,
                                     mdf__ex_struct(x, o, &a[3], &mdf_sd_container_info));
}
static void cinfo_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  mdf_harness_t *h = x->h;

  if (rc != 0 || o->mem == NULL)
    return;
  mdf_harness_check_version(h, "CMR.4.2.3.4", "CONTAINER_INFO", a[3].u32, mdf__rd32(o->mem, 0));
  mdf__take_container_keys(h, o->mem);
}

/* ---- CardSignData (pCardData, pInfo) ---- */
#define SIGN_FLAGS_OK                                                                              \
  (CRYPT_NOHASHOID | CRYPT_TYPE2_FORMAT | CRYPT_X931_FORMAT | CARD_BUFFER_SIZE_ONLY |              \
   CARD_PADDING_INFO_PRESENT)
static DWORD sign_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  return cd->pfnCardSignData(MDF__CD(cd, a[0]), mdf__ex_struct(x, o, &a[1], &mdf_sd_signing_info));
}
static void sign_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  mdf_harness_t *h = x->h;

  const mdf_arg_t *fl = mdf__member(&a[1], &mdf_sd_signing_info, "dwSigningFlags");
  void *pb;

  if (rc != 0 || o->mem == NULL)
    return;
  mdf_harness_check_version(h, "CMR.4.3.5.7", "CARD_SIGNING_INFO", a[1].u32, mdf__rd32(o->mem, 0));
  pb = mdf__rdptr(o->mem, offsetof(CARD_SIGNING_INFO, pbSignedData));
  if (fl != NULL && (fl->u32 & CARD_BUFFER_SIZE_ONLY) && pb == NULL &&
      mdf_harness_new_blocks(h) != 0)
    mdf_finding("CMR.4.3.5.3", "CardSignData allocated %u block(s) for CARD_BUFFER_SIZE_ONLY",
                (unsigned)mdf_harness_new_blocks(h));
  mdf_harness_take_buffer(h, "CMR.4.3.5.3", "pbSignedData", pb,
                          mdf__rd32(o->mem, offsetof(CARD_SIGNING_INFO, cbSignedData)) *
                              (pb != NULL));
}
static int sign_special(mdf_cmr_cond_t cond, const mdf_export_args_t *c, char *why, size_t cap) {
  const mdf_arg_t *st = mdf__arg_role(c, MDF_ROLE_ST), *m;

  switch (cond) {
  case MDF_COND_NULL_DATA_IN:
    m = mdf__member(st, &mdf_sd_signing_info, "pbData");
    MDF_CMR_WHY(why, cap, "pInfo->pbData=NULL");
    return mdf__yes_if(m != NULL && m->is_null);
  case MDF_COND_BAD_KEYSPEC:
    m = mdf__member(st, &mdf_sd_signing_info, "dwKeySpec");
    MDF_CMR_WHY(why, cap, "pInfo->dwKeySpec=%u", m ? (unsigned)m->u32 : 0u);
    return mdf__yes_if(m != NULL && !mdf__key_spec_valid(m->u32, false));
  case MDF_COND_BAD_FLAGS:
    m = mdf__member(st, &mdf_sd_signing_info, "dwSigningFlags");
    MDF_CMR_WHY(why, cap, "pInfo->dwSigningFlags=0x%X", m ? (unsigned)m->u32 : 0u);
    return mdf__yes_if(m != NULL && (m->u32 & ~(DWORD)SIGN_FLAGS_OK) != 0);
  case MDF_COND_BAD_HASH_ALG:
    m = mdf__member(st, &mdf_sd_signing_info, "aiHashAlg");
    if (m == NULL || m->u32 == 0)
      return MDF_NO;
    MDF_CMR_WHY(why, cap, "pInfo->aiHashAlg=0x%X", (unsigned)m->u32);
    /* With CARD_PADDING_INFO_PRESENT (v2) the padding info names the hash
     * (BCRYPT_PKCS1_PADDING_INFO.pszAlgId): a driver may rightly ignore
     * aiHashAlg then, so a bad value there only allows the error. */
    {
      const mdf_arg_t *fl = mdf__member(st, &mdf_sd_signing_info, "dwSigningFlags");

      if (st->u32 >= 2 && fl != NULL && (fl->u32 & CARD_PADDING_INFO_PRESENT))
        return MDF_MAYBE;
    }
    return GET_ALG_CLASS(m->u32) != ALG_CLASS_HASH ? MDF_YES : MDF_MAYBE;
  default:
    return -1;
  }
}
static const mdf__roles_t sign_roles = {.special = sign_special};
MDF__CLASSIFIER(sign_classify, sign_roles)

/* ---- CardRSADecrypt (pCardData, pInfo): optional; decrypts in place ---- */
static DWORD dec_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  return MDF__CALL(cd, pfnCardRSADecrypt, MDF__CD(cd, a[0]),
                   mdf__ex_struct(x, o, &a[1], &mdf_sd_rsa_decrypt_info));
}
static void dec_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  mdf_harness_t *h = x->h;

  const mdf_arg_t *m = mdf__member(&a[1], &mdf_sd_rsa_decrypt_info, "pbData");

  if (rc != 0 || o->mem == NULL || m == NULL)
    return;
  mdf_harness_check_version(h, "CMR.4.3.1.3", "CARD_RSA_DECRYPT_INFO", a[1].u32,
                            mdf__rd32(o->mem, 0));
  mdf_harness_check_len(h, NULL, "pInfo->cbData",
                        mdf__rd32(o->mem, offsetof(CARD_RSA_DECRYPT_INFO, cbData)), m->u32);
}
static int dec_special(mdf_cmr_cond_t cond, const mdf_export_args_t *c, char *why, size_t cap) {
  const mdf_arg_t *st = mdf__arg_role(c, MDF_ROLE_ST), *m;

  switch (cond) {
  case MDF_COND_NULL_DATA_IN:
    m = mdf__member(st, &mdf_sd_rsa_decrypt_info, "pbData");
    MDF_CMR_WHY(why, cap, "pInfo->pbData=NULL");
    return mdf__yes_if(m != NULL && m->is_null);
  case MDF_COND_BAD_KEYSPEC:
    m = mdf__member(st, &mdf_sd_rsa_decrypt_info, "dwKeySpec");
    MDF_CMR_WHY(why, cap, "pInfo->dwKeySpec=%u", m ? (unsigned)m->u32 : 0u);
    return m == NULL ? MDF_NO : mdf__key_spec_valid(m->u32, true) ? MDF_MAYBE : MDF_YES;
  default:
    return -1;
  }
}
static const mdf__roles_t dec_roles = {.special = dec_special};
MDF__CLASSIFIER(dec_classify, dec_roles)

/* ---- CardConstructDHAgreement (pCardData, pAgreementInfo): optional ---- */
static DWORD dh_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  return MDF__CALL(cd, pfnCardConstructDHAgreement, MDF__CD(cd, a[0]),
                   mdf__ex_struct(x, o, &a[1], &mdf_sd_dh_agreement_info));
}
static int dh_special(mdf_cmr_cond_t cond, const mdf_export_args_t *c, char *why, size_t cap) {
  const mdf_arg_t *st = mdf__arg_role(c, MDF_ROLE_ST), *m;

  switch (cond) {
  case MDF_COND_BAD_STRUCT_VERSION: /* only version 2 exists */
    MDF_CMR_WHY(why, cap, "pAgreementInfo->dwVersion=%u", (unsigned)st->u32);
    return mdf__yes_if(!st->is_null && st->u32 != CARD_DH_AGREEMENT_INFO_VERSION);
  case MDF_COND_NULL_DATA_IN:
    m = mdf__member(st, &mdf_sd_dh_agreement_info, "pbPublicKey");
    MDF_CMR_WHY(why, cap, "pAgreementInfo->pbPublicKey=NULL");
    return mdf__yes_if(m != NULL && m->is_null);
  case MDF_COND_BAD_FLAGS:
    m = mdf__member(st, &mdf_sd_dh_agreement_info, "dwFlags");
    MDF_CMR_WHY(why, cap, "pAgreementInfo->dwFlags=0x%X", m ? (unsigned)m->u32 : 0u);
    return mdf__yes_if(m != NULL && m->u32 != 0);
  default:
    return -1;
  }
}
static const mdf__roles_t dh_roles = {.special = dh_special};
MDF__CLASSIFIER(dh_classify, dh_roles)

/* ---- CardDeriveKey (pCardData, pAgreementInfo): optional ---- */
/* 0x1 is KDF_USE_SECRET_AS_HMAC_KEY_FLAG (bcrypt) */
#define DERIVE_FLAGS_OK (0x1u | CARD_BUFFER_SIZE_ONLY | CARD_RETURN_KEY_HANDLE)
static DWORD derive_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a,
                           mdf_outputs_t *o) {
  return MDF__CALL(cd, pfnCardDeriveKey, MDF__CD(cd, a[0]),
                   mdf__ex_struct(x, o, &a[1], &mdf_sd_derive_key));
}
static void derive_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  mdf_harness_t *h = x->h;

  const mdf_arg_t *fl = mdf__member(&a[1], &mdf_sd_derive_key, "dwFlags");
  DWORD flags = fl ? fl->u32 : 0, cb;
  void *pb;

  if (rc != 0 || o->mem == NULL)
    return;
  mdf_harness_check_version(h, NULL, "CARD_DERIVE_KEY", a[1].u32, mdf__rd32(o->mem, 0));
  pb = mdf__rdptr(o->mem, offsetof(CARD_DERIVE_KEY, pbDerivedKey));
  cb = mdf__rd32(o->mem, offsetof(CARD_DERIVE_KEY, cbDerivedKey));
  if ((flags & CARD_BUFFER_SIZE_ONLY) && pb == NULL && mdf_harness_new_blocks(h) != 0)
    mdf_finding("CMR.4.3.3.3", "CardDeriveKey allocated %u block(s) for CARD_BUFFER_SIZE_ONLY",
                (unsigned)mdf_harness_new_blocks(h));
  if ((flags & CARD_BUFFER_SIZE_ONLY) || ((flags & CARD_RETURN_KEY_HANDLE) && pb == NULL))
    cb = 0; /* a size, or a key handle instead of bytes */
  mdf_harness_take_buffer(h, "CMR.4.3.3.3", "pbDerivedKey", pb, cb);
  if ((flags & CARD_RETURN_KEY_HANDLE) && a[1].u32 >= CARD_DERIVE_KEY_VERSION_TWO)
    mdf__ex_key_add(
        x, (CARD_KEY_HANDLE)(uintptr_t)mdf__rdptr(o->mem, offsetof(CARD_DERIVE_KEY, hKey)));
}
static int derive_special(mdf_cmr_cond_t cond, const mdf_export_args_t *c, char *why, size_t cap) {
  static const char *const kdfs[] = {"HASH", "HMAC", "TLS_PRF", "SP800_56A_CONCAT"};
  const mdf_arg_t *st = mdf__arg_role(c, MDF_ROLE_ST), *m;

  switch (cond) {
  case MDF_COND_NULL_KDF:
  case MDF_COND_BAD_KDF:
    if ((m = mdf__member(st, &mdf_sd_derive_key, "pwszKDF")) == NULL)
      return MDF_NO;
    MDF_CMR_WHY(why, cap, "pAgreementInfo->pwszKDF %s", m->is_null ? "NULL" : "unknown");
    if (cond == MDF_COND_NULL_KDF)
      return mdf__yes_if(m->is_null);
    return m->is_null ? MDF_NO : mdf__wstr_in(m, kdfs, 4) ? MDF_MAYBE : MDF_YES;
  case MDF_COND_BAD_FLAGS:
    m = mdf__member(st, &mdf_sd_derive_key, "dwFlags");
    MDF_CMR_WHY(why, cap, "pAgreementInfo->dwFlags=0x%X", m ? (unsigned)m->u32 : 0u);
    return mdf__yes_if(m != NULL && (m->u32 & ~(DWORD)DERIVE_FLAGS_OK) != 0);
  default:
    return -1;
  }
}
static const mdf__roles_t derive_roles = {.special = derive_special};
MDF__CLASSIFIER(derive_classify, derive_roles)

/* ---- CardDestroyDHAgreement (pCardData, bSecretAgreementIndex, dwFlags): optional ---- */
static DWORD undh_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  (void)x;
  (void)o;
  return MDF__CALL(cd, pfnCardDestroyDHAgreement, MDF__CD(cd, a[0]), (BYTE)a[1].u32, a[2].u32);
}

#define FLAGS_DW(dom) MDF__ARG_R(MDF_ARG_DWORD, "dwFlags", dom, MDF_ROLE_FLAGS)
#define KEYSPEC MDF__ARG_R(MDF_ARG_DWORD, "dwKeySpec", &mdf_dom_key_spec, MDF_ROLE_KEYSPEC)

const mdf_export_t mdf__ex_crypto[] = {
    {"CardCreateContainer",
     CARD_DATA_VERSION_FOUR,
     6,
     {CD, IDX, FLAGS_DW(&dom_create_flags), KEYSPEC,
      MDF__ARG(MDF_ARG_DWORD, "dwKeySize", &mdf_dom_key_size),
      MDF__ARG(MDF_ARG_IN_BUF, "pbKeyData", &dom_key_blob)},
     mkc_invoke,
     NULL,
     mkc_classify},
    {"CardCreateContainerEx",
     CARD_DATA_VERSION_SEVEN,
     7,
     {CD, IDX, FLAGS_DW(&dom_create_flags), KEYSPEC,
      MDF__ARG(MDF_ARG_DWORD, "dwKeySize", &mdf_dom_key_size),
      MDF__ARG(MDF_ARG_IN_BUF, "pbKeyData", &dom_key_blob),
      MDF__ARG_R(MDF_ARG_DWORD, "PinId", &mdf_dom_pin_id, MDF_ROLE_PIN_ID)},
     mkcx_invoke,
     NULL,
     mkcx_classify},
    {"CardDeleteContainer",
     CARD_DATA_VERSION_FOUR,
     3,
     {CD, IDX, MDF__ARG_R(MDF_ARG_FLAGS, "dwReserved", NULL, MDF_ROLE_FLAGS)},
     rmc_invoke,
     NULL,
     mdf__classify_plain},
    {"CardGetContainerInfo",
     CARD_DATA_VERSION_FOUR,
     4,
     {CD, IDX, FLAGS, ST("pContainerInfo", &dom_cinfo)},
     cinfo_invoke,
     cinfo_contract,
     mdf__classify_plain},
    {"CardSignData",
     CARD_DATA_VERSION_FOUR,
     2,
     {CD, ST("pInfo", &dom_sign)},
     sign_invoke,
     sign_contract,
     sign_classify},
    {"CardRSADecrypt",
     CARD_DATA_VERSION_FOUR,
     2,
     {CD, ST("pInfo", &dom_dec)},
     dec_invoke,
     dec_contract,
     dec_classify},
    {"CardConstructDHAgreement",
     CARD_DATA_VERSION_FOUR,
     2,
     {CD, ST("pAgreementInfo", &dom_dh)},
     dh_invoke,
     NULL,
     dh_classify},
    {"CardDeriveKey",
     CARD_DATA_VERSION_FIVE,
     2,
     {CD, ST("pAgreementInfo", &dom_derive)},
     derive_invoke,
     derive_contract,
     derive_classify},
    {"CardDestroyDHAgreement",
     CARD_DATA_VERSION_FIVE,
     3,
     {CD, MDF__ARG(MDF_ARG_BYTE, "bSecretAgreementIndex", &mdf_dom_container), FLAGS},
     undh_invoke,
     NULL,
     mdf__classify_plain},
};
const size_t mdf__nex_crypto = MDF__N(mdf__ex_crypto);
