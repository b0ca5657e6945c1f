/* Helpers shared by the refmd tests: a CSP-like session over the mock
 * reader and the simulated card, with counting allocator callbacks. */
#ifndef MDFUZZ_TEST_REFMD_UTIL_H
#define MDFUZZ_TEST_REFMD_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include <cardmod.h>

#include "mdfuzz/reader/fuzzcard.h"
#include "mdfuzz/reader/reader.h"
#include "mdfuzz/reader/sim.h"

/* ---- Counting CSP allocator (WINAPI, as the CSP's would be) -------------- */
static long rt_live;    /* blocks handed out and not freed */
static long rt_fail_at; /* 1-based allocation number that returns NULL; 0 = never */
static long rt_alloc_count;

static inline LPVOID WINAPI rt_alloc(SIZE_T n) {
  if (++rt_alloc_count == rt_fail_at)
    return NULL;
  void *p = malloc(n ? n : 1);
  if (p)
    rt_live++;
  return p;
}
static inline LPVOID WINAPI rt_realloc(LPVOID p, SIZE_T n) {
  if (++rt_alloc_count == rt_fail_at)
    return NULL;
  void *q = realloc(p, n ? n : 1);
  if (q && !p)
    rt_live++;
  return q;
}
static inline void WINAPI rt_free(LPVOID p) {
  if (p)
    rt_live--;
  free(p);
}

/* ---- One session: the sim in the reader, a CARD_DATA, an acquired context */
typedef struct rt_session {
  mdf_sim_t *sim;
  mdf_card_t card;
  mdf_fuzzcard_t fz; /* used when a test mutates the card's answers */
  mdf_card_t fz_card;
  CARD_DATA cd;
  BYTE atr[MDF_ATR_MAX];
  WCHAR name[16];
} rt_session_t;

static mdf_sim_t *rt_sim; /* keys are parsed once per process */

/* Caller-owned fields of CARD_DATA for version v (the rest zero). */
static inline void rt_fill(rt_session_t *s, DWORD v) {
  size_t n = 0;
  const uint8_t *atr = mdf_reader_atr(&n);
  static const WCHAR name[] = {'m', 'd', 'f', 'u', 'z', 'z', ' ', 's', 'i', 'm', 0};
  memset(&s->cd, 0, sizeof s->cd);
  assert_non_null(atr);
  memcpy(s->atr, atr, n);
  memcpy(s->name, name, sizeof name);
  s->cd.dwVersion = v;
  s->cd.pbAtr = s->atr;
  s->cd.cbAtr = (DWORD)n;
  s->cd.pwszCardName = s->name;
  s->cd.pfnCspAlloc = rt_alloc;
  s->cd.pfnCspReAlloc = rt_realloc;
  s->cd.pfnCspFree = rt_free;
  s->cd.hSCardCtx = mdf_reader_context_handle();
  s->cd.hScard = mdf_reader_card_handle();
}

/* Fresh card; if script is given the card's answers go through the fuzz
 * source with that directive script (see fuzzcard.h). */
static inline void rt_insert(rt_session_t *s, const uint8_t *script, size_t len) {
  if (!rt_sim)
    assert_int_equal(mdf_sim_new(&rt_sim), MDF_OK);
  s->sim = rt_sim;
  mdf_sim_reset(s->sim);
  s->card = mdf_sim_card(s->sim);
  if (script) {
    mdf_fuzzcard_init(&s->fz, &s->card, script, len);
    s->fz_card = mdf_fuzzcard_card(&s->fz);
    assert_int_equal(mdf_reader_insert(&s->fz_card), MDF_OK);
  } else {
    assert_int_equal(mdf_reader_insert(&s->card), MDF_OK);
  }
  rt_live = 0;
  rt_fail_at = 0;
  rt_alloc_count = 0;
}

static rt_session_t rt_s;

static inline int rt_setup(void **state) {
  rt_insert(&rt_s, NULL, 0);
  rt_fill(&rt_s, CARD_DATA_CURRENT_VERSION);
  assert_int_equal(CardAcquireContext(&rt_s.cd, 0), 0);
  *state = &rt_s;
  return 0;
}

static inline int rt_teardown(void **state) {
  rt_session_t *s = *state;
  assert_int_equal(s->cd.pfnCardDeleteContext(&s->cd), 0);
  assert_int_equal(rt_live, 0);                   /* every CSP block freed */
  assert_int_equal(mdf_reader_stats()->depth, 0); /* transactions balanced */
  mdf_reader_eject();
  return 0;
}

/* ---- Small helpers --------------------------------------------------------- */
static const WCHAR rt_user[] = {'u', 's', 'e', 'r', 0};
static const WCHAR rt_admin[] = {'a', 'd', 'm', 'i', 'n', 0};

static inline DWORD rt_login(rt_session_t *s, const char *pin) {
  return s->cd.pfnCardAuthenticatePin(&s->cd, (LPWSTR)rt_user, (PBYTE)pin, (DWORD)strlen(pin),
                                      NULL);
}
static inline DWORD rt_login_admin(rt_session_t *s, const char *pin) {
  return s->cd.pfnCardAuthenticatePin(&s->cd, (LPWSTR)rt_admin, (PBYTE)pin, (DWORD)strlen(pin),
                                      NULL);
}

/* Read a whole file; returns the status, the data stays owned by the test
 * (free with rt_free). */
static inline DWORD rt_read(rt_session_t *s, const char *dir, const char *file, BYTE **data,
                            DWORD *len) {
  *data = NULL;
  *len = 0;
  return s->cd.pfnCardReadFile(&s->cd, (LPSTR)dir, (LPSTR)file, 0, data, len);
}

#endif
