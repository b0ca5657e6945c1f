/* Rows: authentication and PIN exports, v4 (user names) and v6 (PIN ids). */
#include "exports_int.h"

#define CD MDF__ARG_R(MDF_ARG_CARD_DATA, "pCardData", NULL, MDF_ROLE_CD)
#define USER MDF__ARG_R(MDF_ARG_WSTR, "pwszUserId", &mdf_dom_user_id, MDF_ROLE_USER)
#define PIN_ID(n, role) MDF__ARG_R(MDF_ARG_DWORD, n, &mdf_dom_pin_id, role)
#define OUTP(n, role) MDF__ARG_R(MDF_ARG_OUT_PTR, n, NULL, role)
#define FLAGS(dom) MDF__ARG_R(MDF_ARG_FLAGS, "dwFlags", dom, MDF_ROLE_FLAGS)
/* A DWORD dwFlags whose valid values the row's special condition judges. */
#define FLAGS_DW(dom) MDF__ARG_R(MDF_ARG_DWORD, "dwFlags", dom, MDF_ROLE_FLAGS)
#define INBUF(n, n2, dom, role) MDF__PAIR_R(MDF_ARG_IN_BUF, n, n2, dom, role)

static const mdf_domain_t dom_response = {"challenge response", NULL, 0, NULL, 0, NULL, 8, NULL, 0};
static const mdf_named_t unblock_flags[] = {
    {"CARD_AUTHENTICATE_PIN_CHALLENGE_RESPONSE", 1}, {"CARD_AUTHENTICATE_PIN_PIN", 2}, {"0", 0}};
static const mdf_domain_t dom_unblock_flags = {
    "unblock flags", unblock_flags, 3, NULL, 0, NULL, 0, NULL, 0};
static const mdf_named_t change_flags[] = {
    {"CARD_AUTHENTICATE_PIN_PIN", 2}, {"CARD_AUTHENTICATE_PIN_CHALLENGE_RESPONSE", 1}, {"0", 0}};
static const mdf_domain_t dom_change_flags = {
    "change flags", change_flags, 3, NULL, 0, NULL, 0, NULL, 0};
static const mdf_named_t changex_flags[] = {
    {"PIN_CHANGE_FLAG_CHANGEPIN", PIN_CHANGE_FLAG_CHANGEPIN},
    {"PIN_CHANGE_FLAG_UNBLOCK", PIN_CHANGE_FLAG_UNBLOCK},
    {"0", 0}};
static const mdf_domain_t dom_changex_flags = {
    "change flags", changex_flags, 3, NULL, 0, NULL, 0, NULL, 0};
static const mdf_named_t authx_flags[] = {
    {"CARD_AUTHENTICATE_GENERATE_SESSION_PIN", CARD_AUTHENTICATE_GENERATE_SESSION_PIN},
    {"CARD_AUTHENTICATE_SESSION_PIN", CARD_AUTHENTICATE_SESSION_PIN},
    {"CARD_PIN_SILENT_CONTEXT", CARD_PIN_SILENT_CONTEXT}};
static const mdf_domain_t dom_authx_flags = {
    "authenticate flags", authx_flags, 3, NULL, 0, NULL, 0, NULL, 0};

/* ---- CardAuthenticatePin (pCardData, pwszUserId, pbPin, cbPin, pcAttemptsRemaining) ---- */
static DWORD auth_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  DWORD cb;
  PBYTE pb = mdf__ex_in(x, &a[2], &cb);

  return cd->pfnCardAuthenticatePin(MDF__CD(cd, a[0]), mdf__ex_wstr(x, &a[1]), pb, cb,
                                    MDF__OUT(a[3], &o->dw[0]));
}

/* ---- CardGetChallenge (pCardData, ppbChallengeData, pcbChallengeData) ---- */
static DWORD chal_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  (void)x;
  return cd->pfnCardGetChallenge(MDF__CD(cd, a[0]), MDF__OUT(a[1], &o->pb), MDF__OUT(a[2], &o->cb));
}
static void chal_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  mdf_harness_t *h = x->h;

  (void)a;
  mdf__ex_take(h, rc, "CMR.3.2.2.2", "*ppbChallengeData", o->pb, o->cb);
}

/* ---- CardAuthenticateChallenge (pCardData, pbResponseData, cbResponseData, pcAttempts) ---- */
static DWORD achal_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a,
                          mdf_outputs_t *o) {
  DWORD cb;
  PBYTE pb = mdf__ex_in(x, &a[1], &cb);

  return MDF__CALL(cd, pfnCardAuthenticateChallenge, MDF__CD(cd, a[0]), pb, cb,
                   MDF__OUT(a[2], &o->dw[0]));
}

/* ---- CardUnblockPin (pCardData, pwszUserId, pbAuthenticationData, cbAuthenticationData,
 *                     pbNewPinData, cbNewPinData, cRetryCount, dwFlags) ---- */
static DWORD unblock_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a,
                            mdf_outputs_t *o) {
  DWORD cba, cbn;
  PBYTE pba = mdf__ex_in(x, &a[2], &cba), pbn = mdf__ex_in(x, &a[3], &cbn);

  (void)o;
  return MDF__CALL(cd, pfnCardUnblockPin, MDF__CD(cd, a[0]), mdf__ex_wstr(x, &a[1]), pba, cba, pbn,
                   cbn, a[4].u32, a[5].u32);
}
static int unblock_special(mdf_cmr_cond_t cond, const mdf_export_args_t *c, char *why, size_t cap) {
  DWORD flags;

  if (cond != MDF_COND_BAD_FLAGS)
    return -1;
  flags = mdf__arg_role(c, MDF_ROLE_FLAGS)->u32;
  MDF_CMR_WHY(why, cap, "dwFlags=0x%X", (unsigned)flags);
  if (flags == CARD_AUTHENTICATE_PIN_CHALLENGE_RESPONSE)
    return MDF_NO;
  return flags == CARD_AUTHENTICATE_PIN_PIN ? MDF_MAYBE : MDF_YES; /* v6 allows PIN */
}
static const mdf__roles_t unblock_roles = {.zero_auth_sure = true, .special = unblock_special};
MDF__CLASSIFIER(unblock_classify, unblock_roles)

/* ---- CardChangeAuthenticator (pCardData, pwszUserId, pbCurrentAuthenticator,
 *      cbCurrentAuthenticator, pbNewAuthenticator, cbNewAuthenticator, cRetryCount,
 *      dwFlags, pcAttemptsRemaining) ---- */
static DWORD change_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a,
                           mdf_outputs_t *o) {
  DWORD cbc, cbn;
  PBYTE pbc = mdf__ex_in(x, &a[2], &cbc), pbn = mdf__ex_in(x, &a[3], &cbn);

  return MDF__CALL(cd, pfnCardChangeAuthenticator, MDF__CD(cd, a[0]), mdf__ex_wstr(x, &a[1]), pbc,
                   cbc, pbn, cbn, a[4].u32, a[5].u32, MDF__OUT(a[6], &o->dw[0]));
}
static int change_special(mdf_cmr_cond_t cond, const mdf_export_args_t *c, char *why, size_t cap) {
  DWORD flags;

  if (cond != MDF_COND_BAD_FLAGS)
    return -1;
  flags = mdf__arg_role(c, MDF_ROLE_FLAGS)->u32;
  MDF_CMR_WHY(why, cap, "dwFlags=0x%X", (unsigned)flags);
  return mdf__yes_if(flags != CARD_AUTHENTICATE_PIN_PIN &&
                     flags != CARD_AUTHENTICATE_PIN_CHALLENGE_RESPONSE);
}
static const mdf__roles_t change_roles = {.special = change_special};
MDF__CLASSIFIER(change_classify, change_roles)

/* ---- CardDeauthenticate (pCardData, pwszUserId, dwFlags): optional ---- */
static DWORD deauth_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a,
                           mdf_outputs_t *o) {
  (void)o;
  return MDF__CALL(cd, pfnCardDeauthenticate, MDF__CD(cd, a[0]), mdf__ex_wstr(x, &a[1]), a[2].u32);
}

/* ---- CardAuthenticateEx (pCardData, PinId, dwFlags, pbPinData, cbPinData,
 *      ppbSessionPin, pcbSessionPin, pcAttemptsRemaining) ---- */
static DWORD authx_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a,
                          mdf_outputs_t *o) {
  DWORD cb;
  PBYTE pb = mdf__ex_in(x, &a[3], &cb);

  return MDF__CALL(cd, pfnCardAuthenticateEx, MDF__CD(cd, a[0]), a[1].u32, a[2].u32, pb, cb,
                   MDF__OUT(a[4], &o->pb), MDF__OUT(a[5], &o->cb), MDF__OUT(a[6], &o->dw[0]));
}
static void authx_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  mdf_harness_t *h = x->h;

  if (!a[4].is_null && !a[5].is_null)
    mdf__ex_take(h, rc, "CMR.1.3.4", "*ppbSessionPin", o->pb, o->cb);
}
/* pbPinData and the session PIN outputs have no role: the shared PIN and
 * output rules do not hold for them (an external PIN; outputs only asked
 * for with CARD_AUTHENTICATE_GENERATE_SESSION_PIN). */
static int authx_special(mdf_cmr_cond_t cond, const mdf_export_args_t *c, char *why, size_t cap) {
  const mdf_arg_t *a = c->args;

  switch (cond) {
  case MDF_COND_NULL_PIN: /* an external PIN is entered elsewhere: NULL, 0 may be fine */
    MDF_CMR_WHY(why, cap, "pbPinData=NULL, cbPinData=%u", (unsigned)a[3].u32);
    return !a[3].is_null ? MDF_NO : a[3].u32 != 0 ? MDF_YES : MDF_MAYBE;
  case MDF_COND_NULL_SESSION_OUT:
    MDF_CMR_WHY(why, cap, "a session PIN asked for without ppbSessionPin/pcbSessionPin");
    return mdf__yes_if(
        (mdf__arg_role(c, MDF_ROLE_FLAGS)->u32 & CARD_AUTHENTICATE_GENERATE_SESSION_PIN) &&
        (a[4].is_null || a[5].is_null));
  default:
    return -1;
  }
}
static const mdf__roles_t authx_roles = {.flags_ok = CARD_AUTHENTICATE_GENERATE_SESSION_PIN |
                                                     CARD_AUTHENTICATE_SESSION_PIN |
                                                     CARD_PIN_SILENT_CONTEXT,
                                         .special = authx_special};
MDF__CLASSIFIER(authx_classify, authx_roles)

/* ---- CardGetChallengeEx (pCardData, PinId, ppbChallengeData, pcbChallengeData, dwFlags) ---- */
static DWORD chalx_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a,
                          mdf_outputs_t *o) {
  (void)x;
  return MDF__CALL(cd, pfnCardGetChallengeEx, MDF__CD(cd, a[0]), a[1].u32, MDF__OUT(a[2], &o->pb),
                   MDF__OUT(a[3], &o->cb), a[4].u32);
}
static void chalx_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  mdf_harness_t *h = x->h;

  if (!a[2].is_null && !a[3].is_null)
    mdf__ex_take(h, rc, "CMR.1.3.4", "*ppbChallengeData", o->pb, o->cb);
}

/* ---- CardChangeAuthenticatorEx (pCardData, dwFlags, dwAuthenticatingPinId,
 *      pbAuthenticatingPinData, cbAuthenticatingPinData, dwTargetPinId, pbTargetData,
 *      cbTargetData, cRetryCount, pcAttemptsRemaining) ---- */
static DWORD changex_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a,
                            mdf_outputs_t *o) {
  DWORD cba, cbt;
  PBYTE pba = mdf__ex_in(x, &a[3], &cba), pbt = mdf__ex_in(x, &a[5], &cbt);

  return MDF__CALL(cd, pfnCardChangeAuthenticatorEx, MDF__CD(cd, a[0]), a[1].u32, a[2].u32, pba,
                   cba, a[4].u32, pbt, cbt, a[6].u32, MDF__OUT(a[7], &o->dw[0]));
}
/* Two PIN ids: neither has the PIN_ID role, this row judges both. */
static int changex_special(mdf_cmr_cond_t cond, const mdf_export_args_t *c, char *why, size_t cap) {
  const mdf_arg_t *a = c->args;

  switch (cond) {
  case MDF_COND_BAD_FLAGS: { /* one operation, optionally with CARD_PIN_SILENT_CONTEXT (no UI) */
    DWORD flags = mdf__arg_role(c, MDF_ROLE_FLAGS)->u32;
    DWORD op = flags & ~(DWORD)CARD_PIN_SILENT_CONTEXT;

    MDF_CMR_WHY(why, cap, "dwFlags=0x%X", (unsigned)flags);
    return mdf__yes_if(op != PIN_CHANGE_FLAG_UNBLOCK && op != PIN_CHANGE_FLAG_CHANGEPIN);
  }
  case MDF_COND_BAD_PIN_ID:
    MDF_CMR_WHY(why, cap, "PIN ids %u, %u", (unsigned)a[2].u32, (unsigned)a[4].u32);
    return mdf__yes_if(a[2].u32 >= MAX_PINS || a[4].u32 >= MAX_PINS);
  default:
    return -1;
  }
}
static const mdf__roles_t changex_roles = {.special = changex_special};
MDF__CLASSIFIER(changex_classify, changex_roles)

/* ---- CardDeauthenticateEx (pCardData, PinId (a PIN_SET), dwFlags) ---- */
static DWORD deauthx_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a,
                            mdf_outputs_t *o) {
  (void)x;
  (void)o;
  return MDF__CALL(cd, pfnCardDeauthenticateEx, MDF__CD(cd, a[0]), a[1].u32, a[2].u32);
}

const mdf_export_t mdf__ex_pin[] = {
    {"CardAuthenticatePin",
     CARD_DATA_VERSION_FOUR,
     4,
     {CD, USER, INBUF("pbPin", "cbPin", &mdf_dom_user_pin, MDF_ROLE_PIN),
      OUTP("pcAttemptsRemaining", MDF_ROLE_NONE)},
     auth_invoke,
     NULL,
     mdf__classify_plain},
    {"CardGetChallenge",
     CARD_DATA_VERSION_FOUR,
     3,
     {CD, OUTP("ppbChallengeData", MDF_ROLE_OUT), OUTP("pcbChallengeData", MDF_ROLE_LEN)},
     chal_invoke,
     chal_contract,
     mdf__classify_plain},
    {"CardAuthenticateChallenge",
     CARD_DATA_VERSION_FOUR,
     3,
     {CD, INBUF("pbResponseData", "cbResponseData", &dom_response, MDF_ROLE_IN),
      OUTP("pcAttemptsRemaining", MDF_ROLE_NONE)},
     achal_invoke,
     NULL,
     mdf__classify_plain},
    {"CardUnblockPin",
     CARD_DATA_VERSION_FOUR,
     6,
     {CD, USER, INBUF("pbAuthenticationData", "cbAuthenticationData", &dom_response, MDF_ROLE_AUTH),
      INBUF("pbNewPinData", "cbNewPinData", &mdf_dom_user_pin, MDF_ROLE_NEWPIN),
      MDF__ARG_R(MDF_ARG_DWORD, "cRetryCount", &mdf_dom_retry, MDF_ROLE_RETRY),
      FLAGS_DW(&dom_unblock_flags)},
     unblock_invoke,
     NULL,
     unblock_classify},
    {"CardChangeAuthenticator",
     CARD_DATA_VERSION_FOUR,
     7,
     {CD, USER,
      INBUF("pbCurrentAuthenticator", "cbCurrentAuthenticator", &mdf_dom_user_pin, MDF_ROLE_AUTH),
      INBUF("pbNewAuthenticator", "cbNewAuthenticator", &mdf_dom_user_pin, MDF_ROLE_NEWPIN),
      MDF__ARG_R(MDF_ARG_DWORD, "cRetryCount", &mdf_dom_retry, MDF_ROLE_RETRY),
      FLAGS_DW(&dom_change_flags), OUTP("pcAttemptsRemaining", MDF_ROLE_NONE)},
     change_invoke,
     NULL,
     change_classify},
    /* The user id has no role: no user rule is written for CardDeauthenticate. */
    {"CardDeauthenticate",
     CARD_DATA_VERSION_FOUR,
     3,
     {CD, MDF__ARG(MDF_ARG_WSTR, "pwszUserId", &mdf_dom_user_id), FLAGS(NULL)},
     deauth_invoke,
     NULL,
     mdf__classify_plain},
    {"CardAuthenticateEx",
     CARD_DATA_VERSION_SIX,
     7,
     {CD, PIN_ID("PinId", MDF_ROLE_PIN_ID), FLAGS(&dom_authx_flags),
      INBUF("pbPinData", "cbPinData", &mdf_dom_user_pin, MDF_ROLE_NONE),
      OUTP("ppbSessionPin", MDF_ROLE_NONE), OUTP("pcbSessionPin", MDF_ROLE_NONE),
      OUTP("pcAttemptsRemaining", MDF_ROLE_NONE)},
     authx_invoke,
     authx_contract,
     authx_classify},
    {"CardGetChallengeEx",
     CARD_DATA_VERSION_SIX,
     5,
     {CD, PIN_ID("PinId", MDF_ROLE_PIN_ID), OUTP("ppbChallengeData", MDF_ROLE_OUT),
      OUTP("pcbChallengeData", MDF_ROLE_LEN), FLAGS(NULL)},
     chalx_invoke,
     chalx_contract,
     mdf__classify_plain},
    {"CardChangeAuthenticatorEx",
     CARD_DATA_VERSION_SIX,
     8,
     {CD, FLAGS_DW(&dom_changex_flags), PIN_ID("dwAuthenticatingPinId", MDF_ROLE_NONE),
      INBUF("pbAuthenticatingPinData", "cbAuthenticatingPinData", &mdf_dom_user_pin, MDF_ROLE_AUTH),
      PIN_ID("dwTargetPinId", MDF_ROLE_NONE),
      INBUF("pbTargetData", "cbTargetData", &mdf_dom_user_pin, MDF_ROLE_NEWPIN),
      MDF__ARG_R(MDF_ARG_DWORD, "cRetryCount", &mdf_dom_retry, MDF_ROLE_RETRY),
      OUTP("pcAttemptsRemaining", MDF_ROLE_NONE)},
     changex_invoke,
     NULL,
     changex_classify},
    {"CardDeauthenticateEx",
     CARD_DATA_VERSION_SIX,
     3,
     {CD, MDF__ARG(MDF_ARG_DWORD, "PinId", &mdf_dom_pin_set), FLAGS(NULL)},
     deauthx_invoke,
     NULL,
     mdf__classify_plain},
};
const size_t mdf__nex_pin = MDF__N(mdf__ex_pin);
