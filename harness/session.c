/* Harness lifetime and the per-export oracles: CARD_DATA unchanged
 * (CMR.1.0.7), output buffers from the CSP allocator, return codes by the
 * CMR rules, CardDeleteContext and leaks (CMR.3.1.2.3, CMR.1.3.4). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness_int.h"
#include "mdfuzz/common/finding.h"
#include "mdfuzz/common/finding_ids.h"

#define INITIAL_SLOTS 1024

/* ---- CARD_DATA layout, from the one field table ------------------------- */

size_t mdf_card_data_size(DWORD version) {
  size_t end = 0;

  if (version < 4)
    version = 4;
#define MDF__FIELD_END(type, name, added, kind)                                                    \
  if ((DWORD)(added) <= version &&                                                                 \
      offsetof(CARD_DATA, name) + sizeof(((CARD_DATA *)0)->name) > end)                            \
    end = offsetof(CARD_DATA, name) + sizeof(((CARD_DATA *)0)->name);
  MDF_CARD_DATA_FIELDS(MDF__FIELD_END)
#undef MDF__FIELD_END
  return end;
}

/* True when the first size bytes are equal outside pvVendorSpecific.  A
 * plain word loop: memcmp would go through the sanitizer and libFuzzer
 * interceptors on every export call and feed the harness's own compares to
 * the fuzzer as features. */
static uint64_t xor_range(const unsigned char *pa, const unsigned char *pb, size_t from,
                          size_t to) {
  uint64_t acc = 0, x, y;
  size_t i = from;

  /* 8 bytes per step (fixed-size memcpy compiles to one load): this runs
   * after every export call, a byte loop was 5% of a target's time */
  for (; i + 8 <= to; i += 8) {
    memcpy(&x, pa + i, 8);
    memcpy(&y, pb + i, 8);
    acc |= x ^ y;
  }
  for (; i < to; i++)
    acc |= (uint64_t)(pa[i] ^ pb[i]);
  return acc;
}

static bool same_outside_vendor(const CARD_DATA *a, const CARD_DATA *b, size_t size) {
  const unsigned char *pa = (const unsigned char *)a, *pb = (const unsigned char *)b;
  const size_t vs = offsetof(CARD_DATA, pvVendorSpecific);
  const size_t ve = vs + sizeof(a->pvVendorSpecific);

  return (xor_range(pa, pb, 0, vs < size ? vs : size) |
          (ve < size ? xor_range(pa, pb, ve, size) : 0)) == 0;
}

const char *mdf_card_data_diff(const CARD_DATA *a, const CARD_DATA *b, size_t size) {
  if (same_outside_vendor(a, b, size))
    return NULL;
#define MDF__FIELD_DIFF(type, name, added, kind)                                                   \
  if (MDF_CARD_FIELD_KIND(kind) != MDF_CARD_FIELD_VENDOR &&                                        \
      offsetof(CARD_DATA, name) + sizeof(a->name) <= size &&                                       \
      memcmp(&a->name, &b->name, sizeof(a->name)) != 0)                                            \
    return #name;
  MDF_CARD_DATA_FIELDS(MDF__FIELD_DIFF)
#undef MDF__FIELD_DIFF
  return NULL;
}

/* ---- lifetime ------------------------------------------------------------ */

void mdf_session_params_init(mdf_session_params_t *p) {
  if (p == NULL)
    return;
  memset(p, 0, sizeof(*p));
  p->card_data_version = CARD_DATA_CURRENT_VERSION;
}

mdf_err_t mdf_harness_new(const mdf_harness_config_t *cfg, mdf_harness_t **out) {
  mdf_harness_t *h = NULL;
  mdf_err_t err = MDF_OK;
  DWORD v;

  if (out != NULL)
    *out = NULL;
  if (cfg == NULL || out == NULL || cfg->version != MDF_HARNESS_CONFIG_VERSION ||
      cfg->acquire == NULL || mdf__harness != NULL)
    return MDF_EINVAL;
  h = calloc(1, sizeof(*h));
  if (h == NULL)
    return MDF_ENOMEM;
  h->cfg = *cfg;
  err = mdf__track_init(h, INITIAL_SLOTS);
  if (err != MDF_OK)
    goto out;
  /* One block per version so ASan sees writes past the caller's struct. */
  for (v = 4; v <= 7; v++) {
    size_t size = cfg->exact_card_data_size ? mdf_card_data_size(v) : sizeof(CARD_DATA);

    h->cd_block[v - 4] = malloc(size);
    if (h->cd_block[v - 4] == NULL) {
      err = MDF_ENOMEM;
      goto out;
    }
  }
  memset(h->junk_atr, 0xA5, sizeof(h->junk_atr));
  h->junk_atr[0] = 0x3B;
  mdf_session_params_init(&h->p);
  mdf__harness = h;
  mdf_context_install();
  *out = h;
out:
  if (err != MDF_OK) {
    mdf__harness = NULL;
    mdf_harness_free(h);
  }
  return err;
}

void mdf_harness_free(mdf_harness_t *h) {
  size_t i;

  if (h == NULL)
    return;
  mdf__call_mem_reset(h);
  mdf__track_fini(h);
  mdf__cache_fini(h);
  for (i = 0; i < 4; i++)
    free(h->cd_block[i]);
  if (mdf__harness == h)
    mdf__harness = NULL;
  free(h);
}

void mdf_harness_begin(mdf_harness_t *h, const mdf_session_params_t *p) {
  if (h == NULL)
    return;
  if (p != NULL)
    h->p = *p;
  else
    mdf_session_params_init(&h->p);
  mdf__call_mem_reset(h);
  mdf__track_reset(h);
  mdf__cache_reset(h);
  mdf_context_reset();
  h->acquired = false;
  h->version = 0;
  h->cd = NULL;
  h->cd_size = 0;
  h->export_name = NULL;
}

PCARD_DATA mdf_harness_card_data(mdf_harness_t *h) {
  return h && h->acquired ? h->cd : NULL;
}

DWORD mdf_harness_version(const mdf_harness_t *h) {
  return h && h->acquired ? h->version : 0;
}

/* ---- per export ---------------------------------------------------------- */

void mdf_harness_enter(mdf_harness_t *h, const char *export_name) {
  mdf__call_mem_reset(h);
  h->export_name = export_name;
  h->fault_in_call = false;
  h->seq_at_enter = h->seq;
  h->transmits_at_enter = h->cfg.transmits ? h->cfg.transmits() : 0;
  mdf_context()->export_name = export_name;
}

/* The one place the after-call checks are written: every export,
 * CardAcquireContext and CardDeleteContext come through here. */
void mdf_harness_leave(mdf_harness_t *h) {
  const char *changed;
  int depth;

  if (h->cfg.transaction_depth != NULL && (depth = h->cfg.transaction_depth()) != 0)
    mdf_finding(MDF_FINDING_ID(TRANSACTION_LEAK), "%s returned with %d transaction(s) open",
                h->export_name ? h->export_name : "-", depth);
  if (!h->acquired || h->cd == NULL)
    return;
  changed = mdf_card_data_diff(&h->snap, h->cd, h->cd_size);
  if (changed != NULL)
    mdf_finding("CMR.1.0.7", "%s changed by %s", changed, h->export_name ? h->export_name : "-");
}

void mdf_harness_check_rc(mdf_harness_t *h, const char *export_name, DWORD rc,
                          mdf_cmr_classify_cb classify, const void *arg) {
  mdf_cmr_verdict_t v;
  char expected[160];

  if (!mdf_cmr_walk(export_name, classify, arg, &v))
    return;
  if (h->fault_in_call) {
    mdf_cmr_allow(&v, SCARD_E_NO_MEMORY);
    mdf_cmr_allow(&v, ERROR_NOT_ENOUGH_MEMORY);
    mdf_cmr_allow(&v, ERROR_OUTOFMEMORY);
    mdf_cmr_allow(&v, E_OUTOFMEMORY);
    mdf_cmr_allow(&v, NTE_NO_MEMORY);
  }
  if (mdf_cmr_allowed(&v, rc))
    return;
  /* The call talked to the card and failed: the card may have failed
   * before the argument check (drivers commonly open a transaction and
   * read their name directory first), so only success is judged then. */
  if (rc != 0 && h->cfg.transmits != NULL && h->cfg.transmits() != h->transmits_at_enter)
    return;
  mdf_finding(v.rule->id, "%s returned 0x%08X (expected %s) for %s", export_name, (unsigned)rc,
              mdf_cmr_expected(&v, expected, sizeof(expected)), v.why[0] ? v.why : "this call");
}

void mdf_harness_take_buffer(mdf_harness_t *h, const char *cmr_id, const char *what, void *p,
                             size_t cb) {
  size_t size = 0;

  if (p == NULL && cb == 0)
    return;
  if (p == NULL)
    mdf_finding(cmr_id, "%s returned %s NULL with %zu byte(s) declared",
                h->export_name ? h->export_name : "-", what, cb);
  if (!mdf_harness_block_live(h, p, &size))
    mdf_finding(cmr_id, "%s returned %s %p not allocated with pfnCspAlloc/ReAlloc",
                h->export_name ? h->export_name : "-", what, p);
  if (size < cb)
    mdf_finding(cmr_id, "%s returned %s of %zu byte(s) but declared %zu",
                h->export_name ? h->export_name : "-", what, size, cb);
  mdf__track_release(h, p);
}

static void check_leaks(mdf_harness_t *h, const char *after) {
  const mdf__slot_t *first;

  if (h->st.live == 0)
    return;
  first = mdf__track_oldest(h);
  /* Name the export that allocated the block, not CardDeleteContext that
   * found it: that is where a reviewer has to look. */
  if (first && first->export_name)
    mdf_context()->export_name = first->export_name;
  mdf_finding("CMR.1.3.4",
              "%u CSP block(s) (%zu bytes) still allocated after %s; first allocated in %s",
              (unsigned)h->st.live, h->st.live_bytes, after,
              first && first->export_name ? first->export_name : "-");
}

void mdf_harness_end(mdf_harness_t *h) {
  DWORD rc;

  if (h == NULL)
    return;
  if (h->acquired) {
    /* Exactly the CardDeleteContext row's path: enter, call, leave (open
     * transactions, CMR.1.0.7), then the rc check that ends the context. */
    mdf_harness_enter(h, "CardDeleteContext");
    rc = h->cd->pfnCardDeleteContext(h->cd);
    mdf_harness_leave(h);
    mdf_harness_context_deleted(h, rc);
    check_leaks(h, "CardDeleteContext");
  } else {
    check_leaks(h, h->version != 0 ? "CardDeleteContext" : "a failed CardAcquireContext");
  }
  mdf__call_mem_reset(h);
  h->acquired = false;
  h->export_name = NULL;
  mdf_context()->export_name = NULL;
}
