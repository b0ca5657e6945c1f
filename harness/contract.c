/* Output contracts shared by the export rows: multi-strings, caller-side
 * buffers with guard bytes, written-back lengths and struct versions,
 * size-only calls, and a CardDeleteContext made as the export under test.
 * Generic: the rows (fuzzers/exports/exports_*.c) say which requirement each check
 * stands for. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness_int.h"
#include "mdfuzz/common/finding.h"
#include "mdfuzz/common/finding_ids.h"

#define GUARD 32
#define GUARD_BYTE 0xFD
#define CALL_MEM_MAX ((size_t)1 << 20)

static const char *ex_name(const mdf_harness_t *h) {
  return h->export_name ? h->export_name : "-";
}

void mdf_harness_take_multisz(mdf_harness_t *h, const char *alloc_id, const char *format_id,
                              const char *what, const char *p, size_t cb) {
  size_t size = 0, i, end;

  if (p == NULL && cb == 0) {
    mdf_finding(format_id, "%s returned %s NULL: not a multi-string", ex_name(h), what);
    return;
  }
  if (p == NULL || !mdf_harness_block_live(h, p, &size))
    mdf_finding(alloc_id, "%s returned %s %p not allocated with pfnCspAlloc/ReAlloc", ex_name(h),
                what, (const void *)p);
  if (size < cb)
    mdf_finding(alloc_id, "%s returned %s of %zu byte(s) but declared %zu", ex_name(h), what, size,
                cb);
  /* Find the end: the first NUL that follows a NUL (or the NUL at 0). */
  for (i = 0, end = 0; i < cb; i++) {
    if (p[i] != 0)
      continue;
    if (i == 0 || p[i - 1] == 0) {
      end = i + 1;
      break;
    }
  }
  if (end == 0)
    mdf_finding(format_id, "%s returned %s of %zu byte(s) not ended by two NULs", ex_name(h), what,
                cb);
  if (end == 1 && cb == 2 && p[1] == 0)
    end = 2; /* the empty list written as two NULs */
  if (end != cb)
    mdf_finding(format_id, "%s returned %s whose multi-string is %zu byte(s) but declared %zu",
                ex_name(h), what, end, cb);
  mdf__track_release(h, (void *)(uintptr_t)p);
}

void mdf__call_mem_reset(mdf_harness_t *h) {
  unsigned i;

  for (i = 0; i < h->ncall; i++)
    free(h->call[i].p);
  h->ncall = 0;
}

static void *call_block(mdf_harness_t *h, size_t size, size_t guard) {
  mdf__call_block_t *b;

  if (h == NULL || size > CALL_MEM_MAX || h->ncall >= MDF__CALL_BLOCKS)
    return NULL;
  b = &h->call[h->ncall];
  b->p = malloc(size + guard ? size + guard : 1);
  if (b->p == NULL)
    return NULL;
  b->size = size;
  b->guard = guard;
  h->ncall++;
  memset(b->p + size, GUARD_BYTE, guard);
  return b->p;
}

void *mdf_harness_call_mem(mdf_harness_t *h, size_t size) {
  void *p = call_block(h, size, 0);

  if (p != NULL)
    memset(p, 0, size);
  return p;
}

void *mdf_harness_call_buf(mdf_harness_t *h, size_t cap, uint8_t fill) {
  void *p = call_block(h, cap, GUARD);

  if (p != NULL)
    memset(p, fill, cap);
  return p;
}

void mdf_harness_check_buf(mdf_harness_t *h, const void *p, const char *what) {
  unsigned i;
  size_t k;

  for (i = 0; p != NULL && i < h->ncall; i++) {
    const mdf__call_block_t *b = &h->call[i];

    if (b->p != p)
      continue;
    for (k = 0; k < b->guard; k++)
      if (b->p[b->size + k] != GUARD_BYTE)
        mdf_finding(MDF_FINDING_ID(BUFFER_OVERRUN), "%s wrote past the %zu byte(s) of %s (at +%zu)",
                    ex_name(h), b->size, what, b->size + k);
    return;
  }
}

void mdf_harness_check_len(mdf_harness_t *h, const char *id, const char *what, size_t written,
                           size_t cap) {
  if (written > cap)
    mdf_finding(id ? id : MDF_FINDING_ID(BUFFER_OVERRUN),
                "%s returned %s=%zu for a buffer of %zu byte(s)", ex_name(h), what, written, cap);
}

void mdf_harness_check_version(mdf_harness_t *h, const char *id, const char *what, DWORD in,
                               DWORD out) {
  DWORD top = in == 0 ? 1 : in;

  if (out == in || (out >= 1 && out <= top))
    return;
  mdf_finding(id ? id : MDF_FINDING_ID(STRUCT_VERSION), "%s changed %s.dwVersion from %u to %u",
              ex_name(h), what, (unsigned)in, (unsigned)out);
}

uint32_t mdf_harness_new_blocks(const mdf_harness_t *h) {
  uint32_t n = 0;
  size_t i;

  for (i = 0; h != NULL && i < h->cap; i++) {
    const mdf__slot_t *s = &h->slots[i];

    if (s->gen == h->gen && s->state == MDF__SLOT_LIVE && s->seq > h->seq_at_enter)
      n++;
  }
  return n;
}

void mdf_harness_context_deleted(mdf_harness_t *h, DWORD rc) {
  if (h == NULL || !h->acquired)
    return;
  if (rc != 0)
    mdf_finding("CMR.3.1.2.3", "CardDeleteContext returned 0x%08X (expected 0)", (unsigned)rc);
  h->acquired = false; /* mdf_harness_end checks for leaks only */
}
