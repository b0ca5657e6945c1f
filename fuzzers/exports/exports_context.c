/* Rows: CardAcquireContext (the session's acquire is the call under test),
 * CardDeleteContext and the card queries (capabilities, free space, key
 * sizes). */
#include "exports_int.h"

static const mdf_domain_t dom_caps = {
    "capabilities", NULL, 0, NULL, 0, &mdf_sd_card_capabilities, 0, NULL, 0};
static const mdf_domain_t dom_free = {"free space", NULL, 0, NULL, 0, &mdf_sd_free_space_info, 0,
                                      NULL,         0};
static const mdf_domain_t dom_ksizes = {"key sizes",       NULL, 0,    NULL, 0,
                                        &mdf_sd_key_sizes, 0,    NULL, 0};

/* A struct query's contract: on success, dwVersion written back sanely. */
static void version_contract(mdf_harness_t *h, DWORD rc, const mdf_arg_t *st, mdf_outputs_t *o,
                             const char *id, const char *what) {
  if (rc == 0 && o->mem != NULL)
    mdf_harness_check_version(h, id, what, st->u32, mdf__rd32(o->mem, 0));
}

/* ---- CardDeleteContext (pCardData) ---- */
static DWORD delete_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a,
                           mdf_outputs_t *o) {
  (void)x;
  (void)o;
  return cd->pfnCardDeleteContext(MDF__CD(cd, a[0]));
}
static void delete_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  mdf_harness_t *h = x->h;

  (void)o;
  if (!a[0].is_null)
    mdf_harness_context_deleted(h, rc);
}

/* ---- CardQueryCapabilities (pCardData, pCardCapabilities) ---- */
static DWORD caps_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  return cd->pfnCardQueryCapabilities(MDF__CD(cd, a[0]),
                                      mdf__ex_struct(x, o, &a[1], &mdf_sd_card_capabilities));
}
static void caps_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  mdf_harness_t *h = x->h;

  version_contract(h, rc, &a[1], o, "CMR.4.1.1.3", "CARD_CAPABILITIES");
}

/* ---- CardQueryFreeSpace (pCardData, dwFlags, pCardFreeSpaceInfo) ---- */
static DWORD free_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  return cd->pfnCardQueryFreeSpace(MDF__CD(cd, a[0]), a[1].u32,
                                   mdf__ex_struct(x, o, &a[2], &mdf_sd_free_space_info));
}
static void free_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  mdf_harness_t *h = x->h;

  version_contract(h, rc, &a[2], o, "CMR.3.4.9.3", "CARD_FREE_SPACE_INFO");
}

/* ---- CardQueryKeySizes (pCardData, dwKeySpec, dwFlags, pKeySizes) ---- */
static DWORD ksizes_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a,
                           mdf_outputs_t *o) {
  return cd->pfnCardQueryKeySizes(MDF__CD(cd, a[0]), a[1].u32, a[2].u32,
                                  mdf__ex_struct(x, o, &a[3], &mdf_sd_key_sizes));
}
static void ksizes_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  mdf_harness_t *h = x->h;

  version_contract(h, rc, &a[3], o, "CMR.4.3.6.5", "CARD_KEY_SIZES");
}

#define CD MDF__ARG_R(MDF_ARG_CARD_DATA, "pCardData", NULL, MDF_ROLE_CD)
#define FLAGS MDF__ARG_R(MDF_ARG_FLAGS, "dwFlags", NULL, MDF_ROLE_FLAGS)
#define ST(n, d) MDF__ARG_R(MDF_ARG_STRUCT, n, d, MDF_ROLE_ST)

const mdf_export_t mdf__ex_context[] = {
    /* The acquire is the call: every CARD_DATA mutation of the header. */
    {"CardAcquireContext", 0, 0, {{0}}, NULL, NULL, NULL},
    {"CardDeleteContext",
     CARD_DATA_VERSION_FOUR,
     1,
     {CD},
     delete_invoke,
     delete_contract,
     mdf__classify_plain},
    {"CardQueryCapabilities",
     CARD_DATA_VERSION_FOUR,
     2,
     {CD, ST("pCardCapabilities", &dom_caps)},
     caps_invoke,
     caps_contract,
     mdf__classify_plain},
    {"CardQueryFreeSpace",
     CARD_DATA_VERSION_FOUR,
     3,
     {CD, FLAGS, ST("pCardFreeSpaceInfo", &dom_free)},
     free_invoke,
     free_contract,
     mdf__classify_plain},
    {"CardQueryKeySizes",
     CARD_DATA_VERSION_FOUR,
     4,
     {CD, MDF__ARG_R(MDF_ARG_DWORD, "dwKeySpec", &mdf_dom_key_spec, MDF_ROLE_KEYSPEC), FLAGS,
      ST("pKeySizes", &dom_ksizes)},
     ksizes_invoke,
     ksizes_contract,
     mdf__classify_plain},
};
const size_t mdf__nex_context = MDF__N(mdf__ex_context);
