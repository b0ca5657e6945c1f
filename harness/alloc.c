/* The CSP allocator callbacks: malloc-backed blocks tracked in an
 * open-addressing table so that the oracles can tell a CSP block from a
 * foreign one, a freed one, and count what is left after CardDeleteContext.
 *
 * Per-input reset is one generation increment; the table only grows (by
 * rehashing) when one input has more live blocks than ever before. */
#include <stdlib.h>
#include <string.h>

#include "harness_int.h"
#include "mdfuzz/common/finding.h"
#include "mdfuzz/common/finding_ids.h"

mdf_harness_t *mdf__harness;

static size_t hash_ptr(uintptr_t p, size_t cap) {
  uint64_t x = (uint64_t)p >> 4;

  x *= 0x9E3779B97F4A7C15ull;
  return (size_t)(x >> 32) & (cap - 1);
}

static bool slot_current(const mdf_harness_t *h, const mdf__slot_t *s) {
  return s->gen == h->gen && s->state != MDF__SLOT_EMPTY;
}

static mdf__slot_t *find(const mdf_harness_t *h, uintptr_t p) {
  size_t i = hash_ptr(p, h->cap), n;

  for (n = 0; n < h->cap; n++, i = (i + 1) & (h->cap - 1)) {
    mdf__slot_t *s = &h->slots[i];

    if (!slot_current(h, s))
      return NULL;
    if (s->state == MDF__SLOT_LIVE && s->ptr == p)
      return s;
  }
  return NULL;
}

mdf_err_t mdf__track_init(mdf_harness_t *h, size_t cap) {
  h->slots = calloc(cap, sizeof(*h->slots));
  if (h->slots == NULL)
    return MDF_ENOMEM;
  h->cap = cap;
  h->gen = 1;
  return MDF_OK;
}

void mdf__track_fini(mdf_harness_t *h) {
  size_t i;

  for (i = 0; h->slots != NULL && i < h->cap; i++)
    if (h->slots[i].gen == h->gen && h->slots[i].state == MDF__SLOT_LIVE)
      free((void *)h->slots[i].ptr);
  free(h->slots);
  h->slots = NULL;
}

void mdf__track_reset(mdf_harness_t *h) {
  h->gen++;
  if (h->gen == 0) { /* wrapped: stale slots could look current */
    memset(h->slots, 0, h->cap * sizeof(*h->slots));
    h->gen = 1;
  }
  h->used = 0;
  h->seq = 0;
  memset(h->ring, 0, sizeof(h->ring));
  h->ring_pos = 0;
  memset(&h->st, 0, sizeof(h->st));
  h->fault_in_call = false;
}

static void insert_slot(mdf_harness_t *h, const mdf__slot_t *src) {
  size_t i = hash_ptr(src->ptr, h->cap);

  while (slot_current(h, &h->slots[i]) && h->slots[i].state == MDF__SLOT_LIVE)
    i = (i + 1) & (h->cap - 1);
  if (!slot_current(h, &h->slots[i]))
    h->used++;
  h->slots[i] = *src;
  h->slots[i].gen = h->gen;
  h->slots[i].state = MDF__SLOT_LIVE;
}

/* Keep the load under 3/4: rebuild (dropping tombstones), doubling when
 * live blocks alone fill half the table. */
static void make_room(mdf_harness_t *h) {
  mdf__slot_t *old = h->slots, *fresh;
  size_t oldcap = h->cap, cap = h->cap, i;
  uint32_t gen = h->gen;

  if ((h->used + 1) * 4 < h->cap * 3)
    return;
  if ((h->st.live + 1) * 2 >= cap)
    cap *= 2;
  fresh = calloc(cap, sizeof(*fresh));
  if (fresh == NULL)
    mdf_finding(MDF_FINDING_ID(HARNESS), "out of memory growing the allocation table");
  h->slots = fresh;
  h->cap = cap;
  h->used = 0;
  for (i = 0; i < oldcap; i++)
    if (old[i].gen == gen && old[i].state == MDF__SLOT_LIVE)
      insert_slot(h, &old[i]);
  free(old);
}

static void *track_new(mdf_harness_t *h, size_t size) {
  mdf__slot_t s;
  void *p;

  p = malloc(size ? size : 1);
  if (p == NULL)
    return NULL;
  make_room(h);
  memset(&s, 0, sizeof(s));
  s.ptr = (uintptr_t)p;
  s.size = size;
  s.export_name = h->export_name ? h->export_name : "the harness";
  s.seq = ++h->seq;
  insert_slot(h, &s);
  h->st.live++;
  h->st.live_bytes += size;
  return p;
}

static void forget(mdf_harness_t *h, mdf__slot_t *s) {
  h->st.live--;
  h->st.live_bytes -= s->size;
  s->state = MDF__SLOT_TOMB;
  h->ring[h->ring_pos++ % MDF__RING] = s->ptr;
}

static bool recently_freed(const mdf_harness_t *h, uintptr_t p) {
  size_t i;

  for (i = 0; i < MDF__RING; i++)
    if (h->ring[i] == p)
      return true;
  return false;
}

void *mdf__track_alloc(mdf_harness_t *h, size_t size) {
  return track_new(h, size);
}

void mdf__track_release(mdf_harness_t *h, void *p) {
  mdf__slot_t *s = find(h, (uintptr_t)p);

  if (s == NULL)
    return;
  forget(h, s);
  free(p);
}

const mdf__slot_t *mdf__track_oldest(const mdf_harness_t *h) {
  const mdf__slot_t *best = NULL;
  size_t i;

  for (i = 0; i < h->cap; i++) {
    const mdf__slot_t *s = &h->slots[i];

    if (s->gen == h->gen && s->state == MDF__SLOT_LIVE && (best == NULL || s->seq < best->seq))
      best = s;
  }
  return best;
}

/* An injected or real NULL: remember it for the crash context. */
static void note_fault(mdf_harness_t *h, const char *which, uint32_t call) {
  mdf_context()->fault = which;
  mdf_context()->fault_call = call;
  h->fault_in_call = true;
}

LPVOID WINAPI mdf_csp_alloc(SIZE_T size) {
  mdf_harness_t *h = mdf__harness;
  uint32_t n;

  if (h == NULL)
    mdf_finding(MDF_FINDING_ID(HARNESS), "pfnCspAlloc called with no harness");
  n = ++h->st.allocs;
  if (n == h->p.alloc_fail_at || size > MDF__ALLOC_LIMIT) {
    note_fault(h, "pfnCspAlloc", n);
    return NULL;
  }
  return track_new(h, size);
}

LPVOID WINAPI mdf_csp_realloc(LPVOID p, SIZE_T size) {
  mdf_harness_t *h = mdf__harness;
  mdf__slot_t *s, moved;
  uint32_t n;
  void *q;

  if (h == NULL)
    mdf_finding(MDF_FINDING_ID(HARNESS), "pfnCspReAlloc called with no harness");
  n = ++h->st.reallocs;
  if (p == NULL) /* not a block: the CSP answers NULL */
    return NULL;
  s = find(h, (uintptr_t)p);
  if (s == NULL)
    mdf_finding("CMR.1.4.2", "pfnCspReAlloc of %s block %p in %s",
                recently_freed(h, (uintptr_t)p) ? "an already freed" : "a foreign", p,
                h->export_name ? h->export_name : "-");
  if (n == h->p.realloc_fail_at || size > MDF__ALLOC_LIMIT) {
    note_fault(h, "pfnCspReAlloc", n);
    return NULL; /* the old block stays valid */
  }
  {
    uintptr_t old = (uintptr_t)p; /* compared only, never used after realloc */

    q = realloc(p, size ? size : 1);
    if (q == NULL)
      return NULL;
    if ((uintptr_t)q != old)
      h->ring[h->ring_pos++ % MDF__RING] = old;
  }
  moved = *s;
  h->st.live--;
  h->st.live_bytes -= s->size;
  s->state = MDF__SLOT_TOMB;
  make_room(h);
  moved.ptr = (uintptr_t)q;
  moved.size = size;
  insert_slot(h, &moved);
  h->st.live++;
  h->st.live_bytes += size;
  return q;
}

void WINAPI mdf_csp_free(LPVOID p) {
  mdf_harness_t *h = mdf__harness;
  mdf__slot_t *s;

  if (h == NULL)
    mdf_finding(MDF_FINDING_ID(HARNESS), "pfnCspFree called with no harness");
  h->st.frees++;
  if (p == NULL)
    return;
  s = find(h, (uintptr_t)p);
  if (s == NULL)
    mdf_finding("CMR.1.4.4", "pfnCspFree of %s block %p in %s",
                recently_freed(h, (uintptr_t)p) ? "an already freed" : "a foreign", p,
                h->export_name ? h->export_name : "-");
  forget(h, s);
  free(p);
}

const mdf_alloc_stats_t *mdf_harness_alloc_stats(const mdf_harness_t *h) {
  return h ? &h->st : NULL;
}

bool mdf_harness_block_live(const mdf_harness_t *h, const void *p, size_t *size) {
  const mdf__slot_t *s = h && p ? find(h, (uintptr_t)p) : NULL;

  if (size != NULL)
    *size = s ? s->size : 0;
  return s != NULL;
}
