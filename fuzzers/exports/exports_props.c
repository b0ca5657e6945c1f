/* Rows: card and container properties (v6).  Output buffers are guarded
 * caller buffers: a write past cbData is reported. */
#include <string.h>

#include "exports_int.h"

#define CD MDF__ARG_R(MDF_ARG_CARD_DATA, "pCardData", NULL, MDF_ROLE_CD)
#define FLAGS MDF__ARG_R(MDF_ARG_FLAGS, "dwFlags", NULL, MDF_ROLE_FLAGS)
#define PROP(dom) MDF__ARG_R(MDF_ARG_WSTR, "wszProperty", dom, MDF_ROLE_PROP)
#define LEN MDF__ARG_R(MDF_ARG_OUT_PTR, "pdwDataLen", NULL, MDF_ROLE_LEN)

/* Card properties: name, value size (0: variable), readable, writable,
 * takes dwFlags. */
static const struct prop {
  const char *name;
  uint16_t size;
  bool get, set, flags;
} card_props[] =
    {
        {"Free Space", sizeof(CARD_FREE_SPACE_INFO), true, false, false},
        {"Capabilities", sizeof(CARD_CAPABILITIES), true, false, false},
        {"Key Sizes", sizeof(CARD_KEY_SIZES), true, false, true},
        {"Read Only Mode", sizeof(BOOL), true, true, false},
        {"Cache Mode", sizeof(DWORD), true, true, false},
        {"Supports Windows x.509 Enrollment", sizeof(BOOL), true, true, false},
        {"Card Identifier", 16, true, true, false},
        {"Card Serial Number", 0, true, true, false},
        {"PIN Information", sizeof(PIN_INFO), true, true, true},
        {"PIN List", sizeof(PIN_SET), true, false, false},
        {"Authenticated State", sizeof(PIN_SET), true, false, false},
        {"PIN Strength Verify", sizeof(DWORD), true, false, true},
        {"PIN Strength Change", sizeof(DWORD), true, false, true},
        {"PIN Strength Unblock", sizeof(DWORD), true, false, true},
        {"Parent Window", sizeof(HWND), false, true, false},
        {"PIN Context String", 0, false, true, false},
        {"Key Import Support", sizeof(DWORD), true, false, false},
        /* dwFlags: CARD_CIPHER_OPERATION / CARD_ASYMMETRIC_OPERATION */
        {"Algorithms", 0, true, false, true},
        {"Padding Schemes", sizeof(DWORD), true, false, true},
        {"Chaining Modes", 0, true, false, true},
},
  cont_props[] = {
      {"Container Info", sizeof(CONTAINER_INFO), true, false, false},
      {"PIN Identifier", sizeof(PIN_ID), true, true, false},
      {"Associated ECDH Key", 0, true, true, false},
};

static const struct prop *find(const struct prop *t, size_t n, const mdf_arg_t *name) {
  size_t i;

  for (i = 0; i < n; i++)
    if (mdf__wstr_is(name, t[i].name))
      return &t[i];
  return NULL;
}

/* Conditions of a get/set (props table t) of the call c; buf is its in/out
 * buffer (no role: the shared buffer rules do not hold for properties).
 * These conditions are all the property name and flag roles are read for.
 * NULL property names are the driver's to reject. */
static int prop_cond(const struct prop *t, size_t n, bool set, const mdf_arg_t *buf,
                     mdf_cmr_cond_t cond, const mdf_export_args_t *c, char *why, size_t cap) {
  const mdf_arg_t *name = mdf__arg_role(c, MDF_ROLE_PROP), *flags;
  const struct prop *p = find(t, n, name);

  switch (cond) {
  case MDF_COND_UNKNOWN_PROPERTY:
    if (name->is_null)
      return MDF_MAYBE;
    MDF_CMR_WHY(why, cap, "a property that cannot be %s", set ? "set" : "read");
    if (p == NULL || !(set ? p->set : p->get))
      return MDF_YES;
    return MDF_MAYBE; /* known, but a driver need not support every property */
  case MDF_COND_BAD_FLAGS:
    flags = mdf__arg_role(c, MDF_ROLE_FLAGS);
    if (p == NULL || flags->u32 == 0)
      return MDF_NO;
    MDF_CMR_WHY(why, cap, "dwFlags=0x%X for a property that takes none", (unsigned)flags->u32);
    return p->flags ? MDF_MAYBE : MDF_YES;
  case MDF_COND_SHORT_BUFFER:
    if (p == NULL || buf->is_null || p->size == 0)
      return MDF_MAYBE;
    MDF_CMR_WHY(why, cap, "cbData=%u for a %u-byte value", (unsigned)buf->u32, (unsigned)p->size);
    return buf->u32 < p->size ? MDF_YES : MDF_NO;
  case MDF_COND_NULL_DATA_IN:
    MDF_CMR_WHY(why, cap, "pbData=NULL");
    if (!buf->is_null)
      return MDF_NO;
    return p != NULL && p->size != 0 ? MDF_YES : MDF_MAYBE;
  default:
    return -1;
  }
}

/* A get's contract: nothing past cbData, *pdwDataLen within it. */
static void get_contract(mdf_harness_t *h, DWORD rc, const mdf_arg_t *buf, const mdf_arg_t *len,
                         mdf_outputs_t *o) {
  mdf_harness_check_buf(h, o->pb, "pbData");
  if (rc == 0 && !buf->is_null && !len->is_null)
    mdf_harness_check_len(h, NULL, "*pdwDataLen", o->dw[0], o->cb);
}

/* ---- CardGetProperty (pCardData, wszProperty, pbData, cbData, pdwDataLen, dwFlags) ---- */
static DWORD getp_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  o->pb = mdf__ex_out(x, &a[2], &o->cb);
  return MDF__CALL(cd, pfnCardGetProperty, MDF__CD(cd, a[0]), mdf__ex_wstr(x, &a[1]), o->pb, o->cb,
                   MDF__OUT(a[3], &o->dw[0]), a[4].u32);
}
static void getp_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  mdf_harness_t *h = x->h;

  get_contract(h, rc, &a[2], &a[3], o);
}
static int getp_special(mdf_cmr_cond_t cond, const mdf_export_args_t *c, char *why, size_t cap) {
  return prop_cond(card_props, MDF__N(card_props), false, &c->args[2], cond, c, why, cap);
}
static const mdf__roles_t getp_roles = {.special = getp_special};
MDF__CLASSIFIER(getp_classify, getp_roles)

/* ---- CardSetProperty (pCardData, wszProperty, pbData, cbDataLen, dwFlags) ---- */
static DWORD setp_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  DWORD cb;
  PBYTE pb = mdf__ex_in(x, &a[2], &cb);

  (void)o;
  return MDF__CALL(cd, pfnCardSetProperty, MDF__CD(cd, a[0]), mdf__ex_wstr(x, &a[1]), pb, cb,
                   a[3].u32);
}
static int setp_special(mdf_cmr_cond_t cond, const mdf_export_args_t *c, char *why, size_t cap) {
  return prop_cond(card_props, MDF__N(card_props), true, &c->args[2], cond, c, why, cap);
}
static const mdf__roles_t setp_roles = {.special = setp_special};
MDF__CLASSIFIER(setp_classify, setp_roles)

/* ---- CardGetContainerProperty (pCardData, bContainerIndex, wszProperty, pbData, cbData,
 *      pdwDataLen, dwFlags) ---- */
static DWORD getc_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  o->pb = mdf__ex_out(x, &a[3], &o->cb);
  return MDF__CALL(cd, pfnCardGetContainerProperty, MDF__CD(cd, a[0]), (BYTE)a[1].u32,
                   mdf__ex_wstr(x, &a[2]), o->pb, o->cb, MDF__OUT(a[4], &o->dw[0]), a[5].u32);
}
static void getc_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  mdf_harness_t *h = x->h;

  get_contract(h, rc, &a[3], &a[4], o);
  /* CONTAINER_INFO as a property: its key blobs are the caller's to free */
  if (rc == 0 && o->pb != NULL && o->cb >= sizeof(CONTAINER_INFO) &&
      mdf__wstr_is(&a[2], "Container Info"))
    mdf__take_container_keys(h, o->pb);
}
static int getc_special(mdf_cmr_cond_t cond, const mdf_export_args_t *c, char *why, size_t cap) {
  return prop_cond(cont_props, MDF__N(cont_props), false, &c->args[3], cond, c, why, cap);
}
static const mdf__roles_t getc_roles = {.special = getc_special};
MDF__CLASSIFIER(getc_classify, getc_roles)

/* ---- CardSetContainerProperty (pCardData, bContainerIndex, wszProperty, pbData,
 *      cbDataLen, dwFlags) ---- */
static DWORD setc_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  DWORD cb;
  PBYTE pb = mdf__ex_in(x, &a[3], &cb);

  (void)o;
  return MDF__CALL(cd, pfnCardSetContainerProperty, MDF__CD(cd, a[0]), (BYTE)a[1].u32,
                   mdf__ex_wstr(x, &a[2]), pb, cb, a[4].u32);
}
static int setc_special(mdf_cmr_cond_t cond, const mdf_export_args_t *c, char *why, size_t cap) {
  return prop_cond(cont_props, MDF__N(cont_props), true, &c->args[3], cond, c, why, cap);
}
static const mdf__roles_t setc_roles = {.special = setc_special};
MDF__CLASSIFIER(setc_classify, setc_roles)

static const mdf_domain_t dom_value = {"property value", NULL, 0, NULL, 0, NULL, 4, NULL, 0};

const mdf_export_t mdf__ex_props[] = {
    {"CardGetContainerProperty",
     CARD_DATA_VERSION_SIX,
     6,
     {CD, MDF__ARG(MDF_ARG_BYTE, "bContainerIndex", &mdf_dom_container), PROP(&mdf_dom_cont_prop),
      MDF__PAIR(MDF_ARG_OUT_BUF, "pbData", "cbData", &mdf_dom_prop_buf), LEN, FLAGS},
     getc_invoke,
     getc_contract,
     getc_classify},
    {"CardSetContainerProperty",
     CARD_DATA_VERSION_SIX,
     5,
     {CD, MDF__ARG(MDF_ARG_BYTE, "bContainerIndex", &mdf_dom_container), PROP(&mdf_dom_cont_prop),
      MDF__PAIR(MDF_ARG_IN_BUF, "pbData", "cbDataLen", &dom_value), FLAGS},
     setc_invoke,
     NULL,
     setc_classify},
    {"CardGetProperty",
     CARD_DATA_VERSION_SIX,
     5,
     {CD, PROP(&mdf_dom_card_prop),
      MDF__PAIR(MDF_ARG_OUT_BUF, "pbData", "cbData", &mdf_dom_prop_buf), LEN, FLAGS},
     getp_invoke,
     getp_contract,
     getp_classify},
    {"CardSetProperty",
     CARD_DATA_VERSION_SIX,
     4,
     {CD, PROP(&mdf_dom_card_prop), MDF__PAIR(MDF_ARG_IN_BUF, "pbData", "cbDataLen", &dom_value),
      FLAGS},
     setp_invoke,
     NULL,
     setp_classify},
};
const size_t mdf__nex_props = MDF__N(mdf__ex_props);
