/* CardAcquireContext: build CARD_DATA of the requested version with the
 * requested mutations, call the driver, and check what it gave back
 * (CMR.3.1.1.E*, .3, .6, .2), then snapshot CARD_DATA for CMR.1.0.7. */
#include <stdio.h>
#include <string.h>

#include "harness_int.h"
#include "mdfuzz/common/finding.h"
#include "mdfuzz/common/finding_ids.h"

#define JUNK_CTX ((SCARDCONTEXT)0x0BADC0DEu)
#define JUNK_CARD ((SCARDHANDLE)0x0BADCA4Du)
#define MAX_ATR 33                        /* ISO 7816-3 */
#define JUNK_CBATR ((DWORD)(MAX_ATR + 1)) /* invalid, still inside our buffer */

/* "mdfuzz card" and a name no driver registers, as 16-bit strings. */
static WCHAR card_name[] = {'m', 'd', 'f', 'u', 'z', 'z', ' ', 'c', 'a', 'r', 'd', 0};
static WCHAR junk_name[] = {0x01, '?', 'n', 'o', ' ', 's', 'u', 'c', 'h', 0};

static uint8_t mut(const mdf_harness_t *h, int field) {
  return h->p.mutation[field];
}

#define PICK(h, f, keep, zero, junk)                                                               \
  (mut(h, f) == MDF_MUT_KEEP ? (keep) : mut(h, f) == MDF_MUT_ZERO ? (zero) : (junk))
/* Callbacks: any mutation means NULL. */
#define PICKFN(h, f, type, fn) (mut(h, f) == MDF_MUT_KEEP ? (fn) : (type)0)

static bool all_zero(const void *p, size_t n) {
  const uint8_t *b = p;
  size_t i;

  for (i = 0; i < n; i++)
    if (b[i] != 0)
      return false;
  return true;
}

static void build(mdf_harness_t *h) {
  DWORD v = h->p.card_data_version;
  size_t atr_len = h->p.atr_len < MAX_ATR ? h->p.atr_len : MAX_ATR;
  CARD_DATA *cd;

  h->cd = h->cd_block[(v < 4 ? 4 : v > 7 ? 7 : v) - 4];
  h->cd_size = h->cfg.exact_card_data_size ? mdf_card_data_size(v) : sizeof(CARD_DATA);
  cd = h->cd;
  memset(cd, 0, h->cd_size);
  memset(h->atr, 0, sizeof(h->atr));
  if (h->p.atr != NULL)
    memcpy(h->atr, h->p.atr, atr_len);
  cd->dwVersion = v;
  cd->pbAtr = PICK(h, MDF_CDM_ATR, h->atr, NULL, h->junk_atr);
  cd->cbAtr = PICK(h, MDF_CDM_CBATR, (DWORD)atr_len, 0, JUNK_CBATR);
  cd->pwszCardName = PICK(h, MDF_CDM_NAME, card_name, NULL, junk_name);
  cd->pfnCspAlloc = PICKFN(h, MDF_CDM_ALLOC, PFN_CSP_ALLOC, mdf_csp_alloc);
  cd->pfnCspReAlloc = PICKFN(h, MDF_CDM_REALLOC, PFN_CSP_REALLOC, mdf_csp_realloc);
  cd->pfnCspFree = PICKFN(h, MDF_CDM_FREE, PFN_CSP_FREE, mdf_csp_free);
  cd->pfnCspCacheAddFile = PICKFN(h, MDF_CDM_CACHE_ADD, PFN_CSP_CACHE_ADD_FILE, mdf__cache_add);
  cd->pfnCspCacheLookupFile =
      PICKFN(h, MDF_CDM_CACHE_LOOKUP, PFN_CSP_CACHE_LOOKUP_FILE, mdf__cache_lookup);
  cd->pfnCspCacheDeleteFile =
      PICKFN(h, MDF_CDM_CACHE_DELETE, PFN_CSP_CACHE_DELETE_FILE, mdf__cache_delete);
  cd->pvCacheContext = h;
  cd->pfnCspPadData = PICKFN(h, MDF_CDM_PAD, PFN_CSP_PAD_DATA, mdf__pad_data);
  cd->hSCardCtx = PICK(h, MDF_CDM_CTX, h->p.hSCardCtx, 0, JUNK_CTX);
  cd->hScard = PICK(h, MDF_CDM_CARD, h->p.hScard, 0, JUNK_CARD);
  if (v >= 5 && offsetof(CARD_DATA, pfnCspGetDHAgreement) < h->cd_size)
    cd->pfnCspGetDHAgreement = mdf__get_dh_agreement;
  if (v >= 7 && offsetof(CARD_DATA, pfnCspUnpadData) < h->cd_size)
    cd->pfnCspUnpadData = mdf__unpad_data;
}

mdf_tri_t mdf__acquire_classify(mdf_cmr_cond_t cond, const void *arg, char *why, size_t cap) {
  const mdf_harness_t *h = arg;
  const mdf_session_params_t *p = &h->p;
  DWORD cb;

  switch (cond) {
  case MDF_COND_NULL_CARD_DATA:
    MDF_CMR_WHY(why, cap, "pCardData=NULL");
    return p->null_card_data ? MDF_YES : MDF_NO;
  case MDF_COND_BAD_FLAGS:
    MDF_CMR_WHY(why, cap, "dwFlags=0x%X", (unsigned)p->acquire_flags);
    if (p->acquire_flags == 0)
      return MDF_NO;
    /* The v7 no-card-mode flag is valid for drivers that support it. */
    return p->acquire_flags == CARD_SECURE_KEY_INJECTION_NO_CARD_MODE ? MDF_MAYBE : MDF_YES;
  case MDF_COND_BAD_VERSION:
    MDF_CMR_WHY(why, cap, "dwVersion=%u", (unsigned)p->card_data_version);
    if (p->card_data_version < CARD_DATA_VERSION_FOUR)
      return MDF_YES;
    return p->card_data_version < CARD_DATA_CURRENT_VERSION ? MDF_MAYBE : MDF_NO;
  case MDF_COND_NULL_ATR:
    MDF_CMR_WHY(why, cap, "pbAtr=NULL");
    return mut(h, MDF_CDM_ATR) == MDF_MUT_ZERO ? MDF_YES : MDF_NO;
  case MDF_COND_BAD_CBATR:
    cb = h->cd ? h->cd->cbAtr : 0;
    MDF_CMR_WHY(why, cap, "cbAtr=%u", (unsigned)cb);
    if (cb == 0 || cb > MAX_ATR)
      return MDF_YES;
    return mut(h, MDF_CDM_ATR) != MDF_MUT_KEEP ? MDF_MAYBE : MDF_NO;
  case MDF_COND_NULL_NAME:
    MDF_CMR_WHY(why, cap, "pwszCardName=NULL");
    return mut(h, MDF_CDM_NAME) == MDF_MUT_ZERO ? MDF_YES : MDF_NO;
  case MDF_COND_UNKNOWN_ATR:
    return MDF_MAYBE; /* only the driver knows its cards */
  case MDF_COND_NULL_ALLOCATOR:
    MDF_CMR_WHY(why, cap, "a NULL pfnCspAlloc/ReAlloc/Free");
    return mut(h, MDF_CDM_ALLOC) || mut(h, MDF_CDM_REALLOC) || mut(h, MDF_CDM_FREE) ? MDF_YES
                                                                                    : MDF_NO;
  case MDF_COND_BAD_CONTEXT:
    return mut(h, MDF_CDM_CTX) == MDF_MUT_GARBAGE ? MDF_MAYBE : MDF_NO;
  case MDF_COND_BAD_HANDLE:
    MDF_CMR_WHY(why, cap, "hScard=0");
    if (mut(h, MDF_CDM_CARD) == MDF_MUT_ZERO)
      return MDF_YES;
    return mut(h, MDF_CDM_CARD) == MDF_MUT_GARBAGE ? MDF_MAYBE : MDF_NO;
  default:
    return MDF_NO;
  }
}

static void check_version_and_functions(mdf_harness_t *h) {
  DWORD req = h->p.card_data_version, got = h->cd->dwVersion;
  DWORD top = req < CARD_DATA_CURRENT_VERSION ? req : CARD_DATA_CURRENT_VERSION;

  if (got < CARD_DATA_VERSION_FOUR || got > top)
    mdf_finding("CMR.3.1.1.6",
                "CardAcquireContext set dwVersion=%u for a version %u request "
                "(expected 4..%u)",
                (unsigned)got, (unsigned)req, (unsigned)top);
    /* Required entry points only: the field table marks the optional ones
     * (kind cardopt), which a driver may leave NULL. */
#define MDF__FN_CHECK(type, name, added, kind)                                                     \
  if (MDF_CARD_FIELD_KIND(kind) == MDF_CARD_FIELD_CARD && (DWORD)(added) <= got &&                 \
      offsetof(CARD_DATA, name) < h->cd_size && all_zero(&h->cd->name, sizeof(h->cd->name)))       \
    mdf_finding("CMR.3.1.1.2", "%s is NULL in a version %u CARD_DATA", #name, (unsigned)got);
  MDF_CARD_DATA_FIELDS(MDF__FN_CHECK)
#undef MDF__FN_CHECK
}

DWORD mdf_harness_acquire(mdf_harness_t *h) {
  DWORD rc;

  if (h == NULL)
    return SCARD_E_INVALID_PARAMETER;
  build(h);
  /* The same enter / leave as every export: leave's open-transaction check
   * applies; its CARD_DATA compare does not yet (nothing acquired). */
  mdf_harness_enter(h, "CardAcquireContext");
  rc = h->cfg.acquire(h->p.null_card_data ? NULL : h->cd, h->p.acquire_flags);
  mdf_harness_leave(h);
  mdf_harness_check_rc(h, "CardAcquireContext", rc, mdf__acquire_classify, h);
  if (rc != 0 || h->p.null_card_data)
    return rc;
  check_version_and_functions(h);
  h->version = h->cd->dwVersion;
  memcpy(&h->snap, h->cd, h->cd_size);
  h->acquired = true;
  return rc;
}
