/* Internal state of the harness, shared by its files. */
#ifndef MDFUZZ_HARNESS_INT_H
#define MDFUZZ_HARNESS_INT_H

#include "mdfuzz/harness/harness.h"

/* One tracked CSP block.  A slot belongs to the current input only when its
 * gen matches the harness's: starting an input is one increment. */
typedef struct mdf__slot {
  uintptr_t ptr;
  size_t size;
  const char *export_name; /* export that allocated it */
  uint32_t seq;            /* allocation order in this input */
  uint32_t gen;
  uint8_t state; /* MDF__SLOT_* */
} mdf__slot_t;

enum { MDF__SLOT_EMPTY = 0, MDF__SLOT_LIVE = 1, MDF__SLOT_TOMB = 2 };

#define MDF__RING 64 /* recently freed blocks, for "already freed" */
#define MDF__CACHE_ENTRIES 16
#define MDF__CACHE_TAG 64                   /* WCHARs per tag, with the terminator */
#define MDF__ALLOC_LIMIT ((size_t)64 << 20) /* bigger requests fail as on Windows */

typedef struct mdf__cache_entry {
  WCHAR tag[MDF__CACHE_TAG];
  uint8_t *data; /* harness-owned, kept across inputs (grows only) */
  size_t cap, len;
  uint8_t *prev; /* what the add before the last one stored (MDF_CACHE_STALE) */
  size_t prev_cap, prev_len;
  bool has_prev;
  bool used;
} mdf__cache_entry_t;

#define MDF__CALL_BLOCKS 16 /* caller-side blocks of one export call */

typedef struct mdf__call_block {
  uint8_t *p;
  size_t size;  /* usable bytes */
  size_t guard; /* guard bytes after them (0: none) */
} mdf__call_block_t;

struct mdf_harness {
  mdf_harness_config_t cfg;
  mdf_session_params_t p;

  /* allocator tracker */
  mdf__slot_t *slots;
  size_t cap;  /* power of two */
  size_t used; /* live + tombstones of this gen */
  uint32_t gen;
  uint32_t seq;
  uintptr_t ring[MDF__RING];
  unsigned ring_pos;
  mdf_alloc_stats_t st;
  bool fault_in_call; /* an injected fault hit during the current export */

  /* cache */
  mdf__cache_entry_t cache[MDF__CACHE_ENTRIES];

  /* CARD_DATA: one block per version size, allocated once */
  CARD_DATA *cd_block[4];
  CARD_DATA *cd; /* the block in use this input */
  size_t cd_size;
  CARD_DATA snap;
  bool acquired;
  DWORD version;
  uint8_t atr[64];
  uint8_t junk_atr[64];
  const char *export_name;
  uint32_t transmits_at_enter;
  uint32_t seq_at_enter; /* allocation order when the export was entered */

  /* caller-side memory of the current call (contract.c) */
  mdf__call_block_t call[MDF__CALL_BLOCKS];
  unsigned ncall;
};

/* The process's harness (CSP callbacks have no context argument). */
extern mdf_harness_t *mdf__harness;

void mdf__track_reset(mdf_harness_t *h);
mdf_err_t mdf__track_init(mdf_harness_t *h, size_t cap);
void mdf__track_fini(mdf_harness_t *h);
/* Allocate / release a tracked block on the CSP's own behalf (cache lookup,
 * padding, taking an output buffer): no fault injection, no counting. */
void *mdf__track_alloc(mdf_harness_t *h, size_t size);
void mdf__track_release(mdf_harness_t *h, void *p);
/* Oldest live block, for leak reports (NULL when none). */
const mdf__slot_t *mdf__track_oldest(const mdf_harness_t *h);

void mdf__cache_reset(mdf_harness_t *h);
void mdf__cache_fini(mdf_harness_t *h);
DWORD WINAPI mdf__cache_add(PVOID ctx, LPWSTR tag, DWORD flags, PBYTE data, DWORD len);
DWORD WINAPI mdf__cache_lookup(PVOID ctx, LPWSTR tag, DWORD flags, PBYTE *data, PDWORD len);
DWORD WINAPI mdf__cache_delete(PVOID ctx, LPWSTR tag, DWORD flags);
DWORD WINAPI mdf__pad_data(PCARD_SIGNING_INFO info, DWORD max_width, DWORD *out_len, PBYTE *out);
DWORD WINAPI mdf__unpad_data(PCARD_RSA_DECRYPT_INFO info, DWORD *out_len, PBYTE *out);
DWORD WINAPI mdf__get_dh_agreement(PCARD_DATA cd, PVOID agreement, BYTE *index, DWORD flags);

/* Free the caller-side blocks of the last call (contract.c). */
void mdf__call_mem_reset(mdf_harness_t *h);

/* CardAcquireContext's rule conditions for the current session. */
mdf_tri_t mdf__acquire_classify(mdf_cmr_cond_t cond, const void *arg, char *why, size_t cap);

#endif
