/* The harness: the CSP side of a minidriver session.
 *
 * It plays the Base CSP / KSP towards a minidriver: it builds CARD_DATA of
 * any version (with chosen fields mutated), provides the CSP callbacks
 * (tracked allocator with fault injection, file cache, padding), calls
 * CardAcquireContext / CardDeleteContext, and runs the oracles after every
 * call.  An oracle that fires reports through mdf_finding() and aborts.
 *
 * One harness per process (the CSP allocator callbacks take no context, so
 * they reach the current harness through a process-wide pointer).  It is
 * created once and reused for every fuzz input: mdf_harness_begin() resets
 * all per-input state without allocating in the steady state.
 *
 * A session:
 *     mdf_harness_begin(h, &params);
 *     rc = mdf_harness_acquire(h);            oracles: CMR.3.1.1.*
 *     if (rc == 0) {
 *       mdf_harness_enter(h, "CardReadFile");
 *       rc = pCardData->pfnCardReadFile(...);
 *       mdf_harness_leave(h);                 oracle: CMR.1.0.7
 *       mdf_harness_check_rc(h, ...);         CMR error rules
 *       mdf_harness_take_buffer(h, ...);      output contract, then free
 *     }
 *     mdf_harness_end(h);                     CardDeleteContext, leaks
 *
 * Nothing here knows a particular driver. */
#ifndef MDFUZZ_HARNESS_H
#define MDFUZZ_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cardmod.h"
#include "mdfuzz/harness/cmr.h"
#include "mdfuzz/common/err.h"

/* ---- configuration (once per process) ----------------------------------- */

#define MDF_HARNESS_CONFIG_VERSION 1

typedef struct mdf_harness_config {
  uint32_t version;                 /* MDF_HARNESS_CONFIG_VERSION */
  PFN_CARD_ACQUIRE_CONTEXT acquire; /* the driver's CardAcquireContext */
  /* Allocate CARD_DATA exactly as large as the requested version's fields
   * (so a driver filling v7 fields for a v4 caller overflows visibly under
   * ASan) instead of the full struct. */
  bool exact_card_data_size;
  /* Open transactions after an export (NULL: not checked).  The fuzz glue
   * passes the mock reader's depth. */
  int (*transaction_depth)(void);
  /* APDUs exchanged so far (NULL: unknown).  A call that talked to the card
   * may fail with any error code where a rule expects a specific one. */
  uint32_t (*transmits)(void);
} mdf_harness_config_t;

typedef struct mdf_harness mdf_harness_t;

/* Create the process's harness.  cfg is copied.  Returns MDF_EINVAL (bad
 * config, or a harness already exists), MDF_ENOMEM. */
mdf_err_t mdf_harness_new(const mdf_harness_config_t *cfg, mdf_harness_t **out);
/* NULL is fine. */
void mdf_harness_free(mdf_harness_t *h);

/* ---- per-input parameters ----------------------------------------------- */

/* CARD_DATA fields the caller may mutate before CardAcquireContext:
 * X(id, field) — id names the MDF_CDM_* index. */
#define MDF_CARD_DATA_MUTABLE(X)                                                                   \
  X(ATR, pbAtr)                                                                                    \
  X(CBATR, cbAtr)                                                                                  \
  X(NAME, pwszCardName)                                                                            \
  X(ALLOC, pfnCspAlloc)                                                                            \
  X(REALLOC, pfnCspReAlloc)                                                                        \
  X(FREE, pfnCspFree)                                                                              \
  X(CACHE_ADD, pfnCspCacheAddFile)                                                                 \
  X(CACHE_LOOKUP, pfnCspCacheLookupFile)                                                           \
  X(CACHE_DELETE, pfnCspCacheDeleteFile)                                                           \
  X(PAD, pfnCspPadData)                                                                            \
  X(CTX, hSCardCtx)                                                                                \
  X(CARD, hScard)

enum {
#define MDF__CDM_ENUM(id, field) MDF_CDM_##id,
  MDF_CARD_DATA_MUTABLE(MDF__CDM_ENUM)
#undef MDF__CDM_ENUM
      MDF_CDM_COUNT
};

/* How a field is mutated.  GARBAGE: a wrong but harmless value (junk ATR
 * bytes, cbAtr 0xFFFFFFFF, an unknown card name, a stale handle); for
 * callbacks it means NULL, as no garbage code pointer is harmless. */
typedef enum mdf_mutation {
  MDF_MUT_KEEP = 0,
  MDF_MUT_ZERO = 1,
  MDF_MUT_GARBAGE = 2
} mdf_mutation_t;

/* Cache behaviour of pfnCspCacheLookupFile (values pinned: the decoder
 * stores them). */
typedef enum mdf_cache_mode {
  MDF_CACHE_NORMAL = 0,    /* what was added is found */
  MDF_CACHE_MISS = 1,      /* every lookup misses */
  MDF_CACHE_STALE = 2,     /* the data added before the last add of that tag, or a miss */
  MDF_CACHE_TRUNCATED = 3, /* the data minus its last byte */
  MDF_CACHE_OTHER = 4,     /* the data of another tag when there is one */
  MDF_CACHE_FAIL = 5       /* SCARD_E_NO_MEMORY */
} mdf_cache_mode_t;

/* Behaviour of the CSP-side callbacks the driver calls: pfnCspPadData,
 * pfnCspUnpadData, pfnCspGetDHAgreement (values pinned). */
typedef enum mdf_csp_mode {
  MDF_CSP_NORMAL = 0,   /* correct answer */
  MDF_CSP_FAIL = 1,     /* an error code (NTE_FAIL) */
  MDF_CSP_NULL_OUT = 2, /* success, output NULL / length 0 (DH: index not written) */
  MDF_CSP_SHORT = 3,    /* success, output one byte short (DH: index - 1) */
  MDF_CSP_LONG = 4      /* success, output longer than asked (DH: index 0xFF) */
} mdf_csp_mode_t;

typedef struct mdf_session_params {
  DWORD card_data_version;         /* dwVersion handed to CardAcquireContext */
  DWORD acquire_flags;             /* its dwFlags */
  bool null_card_data;             /* pass NULL pCardData to CardAcquireContext */
  uint8_t mutation[MDF_CDM_COUNT]; /* mdf_mutation_t per field */
  uint32_t alloc_fail_at;          /* 1-based pfnCspAlloc call that returns NULL; 0 none */
  uint32_t realloc_fail_at;        /* same for pfnCspReAlloc */
  mdf_cache_mode_t cache_mode;
  mdf_csp_mode_t pad_mode;   /* pfnCspPadData */
  mdf_csp_mode_t unpad_mode; /* pfnCspUnpadData */
  mdf_csp_mode_t dh_mode;    /* pfnCspGetDHAgreement */
  const uint8_t *atr;        /* the card's ATR (borrowed) */
  size_t atr_len;
  SCARDCONTEXT hSCardCtx; /* from the reader */
  SCARDHANDLE hScard;
} mdf_session_params_t;

/* Honest defaults: version 7, no mutation, no fault, normal cache. */
void mdf_session_params_init(mdf_session_params_t *p);

/* ---- a session ---------------------------------------------------------- */

/* Reset per-input state (allocator table, cache, fault plan and counters,
 * the finding context).  The fuzz glue calls it from its one per-input
 * reset (mdf_fuzz_input_begin); tests driving the harness directly call it
 * per session. */
void mdf_harness_begin(mdf_harness_t *h, const mdf_session_params_t *p);
/* Build CARD_DATA, call CardAcquireContext, run its oracles (return-code
 * rules CMR.3.1.1.E*, CMR.3.1.1.3, .6, .2) and snapshot CARD_DATA.
 * Returns the driver's code. */
DWORD mdf_harness_acquire(mdf_harness_t *h);
/* CARD_DATA after a successful acquire (NULL before / after failure). */
PCARD_DATA mdf_harness_card_data(mdf_harness_t *h);
/* Version the driver negotiated (0 before a successful acquire). */
DWORD mdf_harness_version(const mdf_harness_t *h);

/* Mark an export call: enter sets the crash context; leave checks open
 * transactions and compares CARD_DATA with the snapshot (CMR.1.0.7, once
 * acquired).  CardAcquireContext (mdf_harness_acquire) and the session's
 * CardDeleteContext (mdf_harness_end) go through the same pair. */
void mdf_harness_enter(mdf_harness_t *h, const char *export_name);
void mdf_harness_leave(mdf_harness_t *h);

/* Return-code oracle for the last export: walks the CMR rules of
 * export_name in document order (see cmr.h).  classify answers each rule's
 * condition for this call; arg is passed through.  A fault injected in this
 * call allows the out-of-memory codes; a call that exchanged APDUs after a
 * MAYBE rule (e.g. "file may not exist") may fail with any code, but must
 * still fail. */
void mdf_harness_check_rc(mdf_harness_t *h, const char *export_name, DWORD rc,
                          mdf_cmr_classify_cb classify, const void *arg);

/* Output contract: p (declared size cb) is handed to the caller and must be
 * a live pfnCspAlloc block of at least cb bytes, else finding cmr_id.  The
 * harness then frees it as a CSP would.  p NULL with cb 0 is accepted. */
void mdf_harness_take_buffer(mdf_harness_t *h, const char *cmr_id, const char *what, void *p,
                             size_t cb);

/* ---- output contracts (harness/contract.c) ------------------------------ */

/* The multi-string a driver hands back (CardEnumFiles): like take_buffer
 * (alloc_id when p is not a live CSP block of at least cb bytes), then
 * format_id unless it is a sequence of non-empty strings ended by two NULs
 * whose total size is exactly cb (an empty list may be one or two NULs).
 * Then frees it. */
void mdf_harness_take_multisz(mdf_harness_t *h, const char *alloc_id, const char *format_id,
                              const char *what, const char *p, size_t cb);

/* Caller-side memory for the current export call, released at the next
 * mdf_harness_enter / begin / end (no free needed):
 *   call_mem: exactly size bytes of zeros (struct arguments: ASan sees a
 *             driver reading or writing past the caller's struct);
 *   call_buf: cap bytes filled with `fill`, then guard bytes that
 *             check_buf verifies (output buffers: a write past the declared
 *             capacity is reported as "buffer-overrun" naming what).
 * NULL when out of memory or size > 1 MiB. */
void *mdf_harness_call_mem(mdf_harness_t *h, size_t size);
void *mdf_harness_call_buf(mdf_harness_t *h, size_t cap, uint8_t fill);
void mdf_harness_check_buf(mdf_harness_t *h, const void *p, const char *what);

/* A length the driver wrote back must not exceed the capacity it was
 * given: finding id ("buffer-overrun" if NULL). */
void mdf_harness_check_len(mdf_harness_t *h, const char *id, const char *what, size_t written,
                           size_t cap);

/* A versioned struct's dwVersion after a successful call: it may stay,
 * become 1 when 0 was passed ("0 means 1"), or drop to a lower version the
 * driver supports; anything else (0 for a non-zero request, above the
 * request) is finding id, or "struct-version" when id is NULL. */
void mdf_harness_check_version(mdf_harness_t *h, const char *id, const char *what, DWORD in,
                               DWORD out);

/* CSP blocks allocated (and still live) since mdf_harness_enter: a call
 * asked for a size only (CARD_BUFFER_SIZE_ONLY) must not leave any. */
uint32_t mdf_harness_new_blocks(const mdf_harness_t *h);

/* The export call just made was CardDeleteContext on the session's
 * CARD_DATA and returned rc: check it (CMR.3.1.2.3) and end the context, so
 * mdf_harness_end only checks for leaks.  mdf_harness_end's own
 * CardDeleteContext ends here too. */
void mdf_harness_context_deleted(mdf_harness_t *h, DWORD rc);

/* CardDeleteContext (if the context is still acquired), between enter and
 * leave like any export: it must return 0 (CMR.3.1.2.3) and leave no CSP
 * block live (CMR.1.3.4).  Then clears the session. */
void mdf_harness_end(mdf_harness_t *h);

/* ---- allocator tracker (what pfnCspAlloc & co. use; exposed for tests) -- */

typedef struct mdf_alloc_stats {
  uint32_t allocs;   /* pfnCspAlloc calls this input */
  uint32_t reallocs; /* pfnCspReAlloc calls this input */
  uint32_t frees;    /* pfnCspFree calls this input */
  uint32_t live;     /* blocks live now */
  size_t live_bytes;
} mdf_alloc_stats_t;
const mdf_alloc_stats_t *mdf_harness_alloc_stats(const mdf_harness_t *h);
/* The callbacks as the driver sees them (WINAPI). */
LPVOID WINAPI mdf_csp_alloc(SIZE_T size);
LPVOID WINAPI mdf_csp_realloc(LPVOID p, SIZE_T size);
void WINAPI mdf_csp_free(LPVOID p);
/* Is p a live tracked block?  *size (may be NULL) gets its size. */
bool mdf_harness_block_live(const mdf_harness_t *h, const void *p, size_t *size);

/* ---- CARD_DATA snapshot compare (exposed for tests) --------------------- */

/* Name of the first field other than pvVendorSpecific that differs between
 * a and b within the first `size` bytes, or NULL if none. */
const char *mdf_card_data_diff(const CARD_DATA *a, const CARD_DATA *b, size_t size);
/* Bytes of CARD_DATA holding the fields of a version (4..7; others: 7 if
 * above, 4 if below). */
size_t mdf_card_data_size(DWORD version);

#endif
