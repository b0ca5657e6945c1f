/* Rows: the v7 secure key injection family (optional: a driver may leave
 * the entry points NULL or answer SCARD_E_UNSUPPORTED_FEATURE).  Key
 * handles a call returns are remembered for later calls of the session. */
#include "exports_int.h"
#include "mdfuzz/common/finding.h"
#include "mdfuzz/common/finding_ids.h"

#define CD MDF__ARG_R(MDF_ARG_CARD_DATA, "pCardData", NULL, MDF_ROLE_CD)
#define KEY MDF__ARG_R(MDF_ARG_KEY_HANDLE, "hKey", NULL, MDF_ROLE_KEY)
/* dwFlags judged against the row's valid bits (mdf__roles_t.flags_ok), and
 * dwFlags no rule judges (no role). */
#define FLAGS MDF__ARG_R(MDF_ARG_FLAGS, "dwFlags", NULL, MDF_ROLE_FLAGS)
#define FLAGS_ANY MDF__ARG(MDF_ARG_FLAGS, "dwFlags", NULL)
#define OUTP(n, role) MDF__ARG_R(MDF_ARG_OUT_PTR, n, NULL, role)
#define WSTR(n, d, role) MDF__ARG_R(MDF_ARG_WSTR, n, d, role)
#define INPUT(role) MDF__PAIR_R(MDF_ARG_IN_BUF, "pbInput", "cbInput", &dom_input, role)

static const mdf_domain_t dom_input = {"key blob", NULL, 0, NULL, 0, NULL, 32, NULL, 0};
static const mdf_domain_t dom_pad = {"padding info",       NULL, 0,    NULL, 0,
                                     &mdf_sd_padding_info, 0,    NULL, 0};
static const mdf_domain_t dom_enc = {"encrypted data",       NULL, 0,    NULL, 0,
                                     &mdf_sd_encrypted_data, 1,    NULL, 0};
static const char *const key_props[] = {"ChainingMode", "IV", "BlockLength"};

static void key_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *phkey, mdf_outputs_t *o) {
  if (rc == 0 && !phkey->is_null)
    mdf__ex_key_add(x, o->key);
}

/* ---- MDImportSessionKey (pCardData, pwszBlobType, pwszAlgId, phKey, pbInput, cbInput) ---- */
static DWORD mdimp_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a,
                          mdf_outputs_t *o) {
  DWORD cb;
  PBYTE pb = mdf__ex_in(x, &a[4], &cb);

  return MDF__CALL(cd, pfnMDImportSessionKey, MDF__CD(cd, a[0]), mdf__ex_wstr(x, &a[1]),
                   mdf__ex_wstr(x, &a[2]), MDF__OUT(a[3], &o->key), pb, cb);
}
static void mdimp_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  key_contract(x, rc, &a[3], o);
}

/* ---- MDEncryptData (pCardData, hKey, pwszSecureFunction, pbInput, cbInput, dwFlags,
 *      ppEncryptedData, pcEncryptedData) ---- */
static DWORD mdenc_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a,
                          mdf_outputs_t *o) {
  DWORD cb;
  PBYTE pb = mdf__ex_in(x, &a[3], &cb);

  return MDF__CALL(cd, pfnMDEncryptData, MDF__CD(cd, a[0]), mdf__ex_key(x, &a[1]),
                   mdf__ex_wstr(x, &a[2]), pb, cb, a[4].u32,
                   MDF__OUT(a[5], (PCARD_ENCRYPTED_DATA *)&o->pb), MDF__OUT(a[6], &o->cb));
}
/* *ppEncryptedData: an array of *pcEncryptedData CARD_ENCRYPTED_DATA from
 * pfnCspAlloc; each element's bytes either inside that block or a block of
 * their own. */
static void mdenc_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  mdf_harness_t *h = x->h;

  const CARD_ENCRYPTED_DATA *e = (const CARD_ENCRYPTED_DATA *)o->pb;
  size_t size = 0, i, n = o->cb;

  if (rc != 0 || a[5].is_null || a[6].is_null || e == NULL)
    return;
  if (!mdf_harness_block_live(h, e, &size) || size / sizeof(*e) < n)
    mdf_finding("CMR.1.3.4", "MDEncryptData returned %zu element(s) in a %zu-byte %s block", n,
                size, size ? "CSP" : "foreign");
  for (i = 0; i < n; i++) {
    const uint8_t *p = e[i].pbEncryptedData, *base = (const uint8_t *)e;

    if (p != NULL && (p < base || p + e[i].cbEncryptedData > base + size))
      mdf_harness_take_buffer(h, "CMR.1.3.4", "pbEncryptedData", (void *)(uintptr_t)p,
                              e[i].cbEncryptedData);
  }
  mdf_harness_take_buffer(h, "CMR.1.3.4", "*ppEncryptedData", o->pb, size);
}

/* ---- CardImportSessionKey (pCardData, bContainerIndex, pPaddingInfo, pwszBlobType,
 *      pwszAlgId, phKey, pbInput, cbInput, dwFlags) ---- */
static DWORD cimp_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  DWORD cb;
  PBYTE pb = mdf__ex_in(x, &a[6], &cb);

  return MDF__CALL(cd, pfnCardImportSessionKey, MDF__CD(cd, a[0]), (BYTE)a[1].u32,
                   mdf__ex_struct(x, o, &a[2], &mdf_sd_padding_info), mdf__ex_wstr(x, &a[3]),
                   mdf__ex_wstr(x, &a[4]), MDF__OUT(a[5], &o->key), pb, cb, a[7].u32);
}
static void cimp_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  key_contract(x, rc, &a[5], o);
}

/* ---- CardGetSharedKeyHandle (pCardData, pbInput, cbInput, ppbOutput, pcbOutput, phKey) ---- */
static DWORD shk_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  DWORD cb;
  PBYTE pb = mdf__ex_in(x, &a[1], &cb);

  return MDF__CALL(cd, pfnCardGetSharedKeyHandle, MDF__CD(cd, a[0]), pb, cb, MDF__OUT(a[2], &o->pb),
                   MDF__OUT(a[3], &o->cb), MDF__OUT(a[4], &o->key));
}
static void shk_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  mdf_harness_t *h = x->h;

  if (!a[2].is_null && !a[3].is_null)
    mdf__ex_take(h, rc, "CMR.1.3.4", "*ppbOutput", o->pb, o->cb);
  key_contract(x, rc, &a[4], o);
}

/* Property getters' contract: nothing past cbData, *pdwDataLen within it. */
static void getprop_contract(mdf_harness_t *h, DWORD rc, const mdf_arg_t *buf, const mdf_arg_t *len,
                             mdf_outputs_t *o) {
  mdf_harness_check_buf(h, o->pb, "pbData");
  if (rc == 0 && !buf->is_null && !len->is_null)
    mdf_harness_check_len(h, NULL, "*pdwDataLen", o->dw[0], o->cb);
}

/* ---- CardGetAlgorithmProperty (pCardData, pwszAlgId, pwszProperty, pbData, cbData,
 *      pdwDataLen, dwFlags) ---- */
static DWORD galg_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  o->pb = mdf__ex_out(x, &a[3], &o->cb);
  return MDF__CALL(cd, pfnCardGetAlgorithmProperty, MDF__CD(cd, a[0]), mdf__ex_wstr(x, &a[1]),
                   mdf__ex_wstr(x, &a[2]), o->pb, o->cb, MDF__OUT(a[4], &o->dw[0]), a[5].u32);
}
static void galg_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  mdf_harness_t *h = x->h;

  getprop_contract(h, rc, &a[3], &a[4], o);
}
static int galg_special(mdf_cmr_cond_t cond, const mdf_export_args_t *c, char *why, size_t cap) {
  (void)c;
  (void)why;
  (void)cap;
  return cond == MDF_COND_UNKNOWN_PROPERTY ? MDF_MAYBE : -1; /* the names are the algorithm's */
}
static const mdf__roles_t galg_roles = {.special = galg_special};
MDF__CLASSIFIER(galg_classify, galg_roles)

/* ---- CardGetKeyProperty (pCardData, hKey, pwszProperty, pbData, cbData, pdwDataLen,
 *      dwFlags) ---- */
static DWORD gkey_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  o->pb = mdf__ex_out(x, &a[3], &o->cb);
  return MDF__CALL(cd, pfnCardGetKeyProperty, MDF__CD(cd, a[0]), mdf__ex_key(x, &a[1]),
                   mdf__ex_wstr(x, &a[2]), o->pb, o->cb, MDF__OUT(a[4], &o->dw[0]), a[5].u32);
}
static void gkey_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  mdf_harness_t *h = x->h;

  getprop_contract(h, rc, &a[3], &a[4], o);
}
static const mdf__roles_t gkey_roles = {.props = key_props, .nprops = 3};
MDF__CLASSIFIER(gkey_classify, gkey_roles)

/* ---- CardSetKeyProperty (pCardData, hKey, pwszProperty, pbInput, cbInput, dwFlags) ---- */
static DWORD skey_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  DWORD cb;
  PBYTE pb = mdf__ex_in(x, &a[3], &cb);

  (void)o;
  return MDF__CALL(cd, pfnCardSetKeyProperty, MDF__CD(cd, a[0]), mdf__ex_key(x, &a[1]),
                   mdf__ex_wstr(x, &a[2]), pb, cb, a[4].u32);
}
static const mdf__roles_t skey_roles = {.props = key_props, .nprops = 3};
MDF__CLASSIFIER(skey_classify, skey_roles)

/* ---- CardDestroyKey (pCardData, hKey) ---- */
static DWORD dkey_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  (void)o;
  return MDF__CALL(cd, pfnCardDestroyKey, MDF__CD(cd, a[0]), mdf__ex_key(x, &a[1]));
}

/* ---- CardProcessEncryptedData (pCardData, hKey, pwszSecureFunction, pEncryptedData,
 *      cEncryptedData, pbOutput, cbOutput, pdwOutputLen, dwFlags) ---- */
static DWORD proc_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  DWORD n;
  void *arr = mdf__ex_array(x, &a[3], &mdf_sd_encrypted_data, &n);

  o->pb = mdf__ex_out(x, &a[4], &o->cb);
  return MDF__CALL(cd, pfnCardProcessEncryptedData, MDF__CD(cd, a[0]), mdf__ex_key(x, &a[1]),
                   mdf__ex_wstr(x, &a[2]), (PCARD_ENCRYPTED_DATA)arr, n, o->pb, o->cb,
                   MDF__OUT(a[5], &o->dw[0]), a[6].u32);
}
static void proc_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  mdf_harness_t *h = x->h;

  getprop_contract(h, rc, &a[4], &a[5], o);
}
/* The array, the output buffer and its length have no role: only this
 * condition reads them. */
static int proc_special(mdf_cmr_cond_t cond, const mdf_export_args_t *c, char *why, size_t cap) {
  const mdf_arg_t *a = c->args;

  if (cond != MDF_COND_NULL_DATA_IN)
    return -1;
  MDF_CMR_WHY(why, cap, "pEncryptedData=NULL with cEncryptedData=%u", (unsigned)a[3].u32);
  return mdf__yes_if(a[3].is_null && a[3].u32 != 0);
}
static const mdf__roles_t proc_roles = {.special = proc_special};
MDF__CLASSIFIER(proc_classify, proc_roles)

const mdf_export_t mdf__ex_v7[] = {
    {"MDImportSessionKey",
     CARD_DATA_VERSION_SEVEN,
     5,
     {CD, WSTR("pwszBlobType", &mdf_dom_blob_type, MDF_ROLE_BLOB),
      WSTR("pwszAlgId", &mdf_dom_alg_id, MDF_ROLE_ALG), OUTP("phKey", MDF_ROLE_KEY_OUT),
      INPUT(MDF_ROLE_IN)},
     mdimp_invoke,
     mdimp_contract,
     mdf__classify_plain},
    {"MDEncryptData",
     CARD_DATA_VERSION_SEVEN,
     7,
     {CD, KEY, WSTR("pwszSecureFunction", &mdf_dom_secure_fn, MDF_ROLE_SECFN), INPUT(MDF_ROLE_IN),
      FLAGS_ANY, OUTP("ppEncryptedData", MDF_ROLE_OUT), OUTP("pcEncryptedData", MDF_ROLE_LEN)},
     mdenc_invoke,
     mdenc_contract,
     mdf__classify_plain},
    /* pPaddingInfo has no role: a NULL one is the unpadded case. */
    {"CardImportSessionKey",
     CARD_DATA_VERSION_SEVEN,
     8,
     {CD, MDF__ARG(MDF_ARG_BYTE, "bContainerIndex", &mdf_dom_container),
      MDF__ARG(MDF_ARG_STRUCT, "pPaddingInfo", &dom_pad),
      WSTR("pwszBlobType", &mdf_dom_blob_type, MDF_ROLE_BLOB),
      WSTR("pwszAlgId", &mdf_dom_alg_id, MDF_ROLE_ALG), OUTP("phKey", MDF_ROLE_KEY_OUT),
      INPUT(MDF_ROLE_IN), FLAGS_ANY},
     cimp_invoke,
     cimp_contract,
     mdf__classify_plain},
    {"CardGetSharedKeyHandle",
     CARD_DATA_VERSION_SEVEN,
     5,
     {CD, INPUT(MDF_ROLE_IN), OUTP("ppbOutput", MDF_ROLE_NONE), OUTP("pcbOutput", MDF_ROLE_NONE),
      OUTP("phKey", MDF_ROLE_KEY_OUT)},
     shk_invoke,
     shk_contract,
     mdf__classify_plain},
    {"CardGetAlgorithmProperty",
     CARD_DATA_VERSION_SEVEN,
     6,
     {CD, WSTR("pwszAlgId", &mdf_dom_alg_id, MDF_ROLE_ALG),
      WSTR("pwszProperty", &mdf_dom_key_prop, MDF_ROLE_PROP),
      MDF__PAIR(MDF_ARG_OUT_BUF, "pbData", "cbData", &mdf_dom_prop_buf),
      OUTP("pdwDataLen", MDF_ROLE_LEN), FLAGS},
     galg_invoke,
     galg_contract,
     galg_classify},
    {"CardGetKeyProperty",
     CARD_DATA_VERSION_SEVEN,
     6,
     {CD, KEY, WSTR("pwszProperty", &mdf_dom_key_prop, MDF_ROLE_PROP),
      MDF__PAIR(MDF_ARG_OUT_BUF, "pbData", "cbData", &mdf_dom_prop_buf),
      OUTP("pdwDataLen", MDF_ROLE_LEN), FLAGS},
     gkey_invoke,
     gkey_contract,
     gkey_classify},
    {"CardSetKeyProperty",
     CARD_DATA_VERSION_SEVEN,
     5,
     {CD, KEY, WSTR("pwszProperty", &mdf_dom_key_prop, MDF_ROLE_PROP), INPUT(MDF_ROLE_IN), FLAGS},
     skey_invoke,
     NULL,
     skey_classify},
    {"CardDestroyKey",
     CARD_DATA_VERSION_SEVEN,
     2,
     {CD, KEY},
     dkey_invoke,
     NULL,
     mdf__classify_plain},
    {"CardProcessEncryptedData",
     CARD_DATA_VERSION_SEVEN,
     7,
     {CD, KEY, WSTR("pwszSecureFunction", &mdf_dom_secure_fn, MDF_ROLE_SECFN),
      MDF__PAIR(MDF_ARG_ARRAY, "pEncryptedData", "cEncryptedData", &dom_enc),
      MDF__PAIR(MDF_ARG_OUT_BUF, "pbOutput", "cbOutput", &mdf_dom_prop_buf),
      OUTP("pdwOutputLen", MDF_ROLE_NONE), FLAGS_ANY},
     proc_invoke,
     proc_contract,
     proc_classify},
};
const size_t mdf__nex_v7 = MDF__N(mdf__ex_v7);
