/* HostileCard inputs: an honest session whose card answers all come from
 * the input (layout in include/mdfuzz/fuzzers/fuzz.h and corpus/README.md
 * "HostileCard inputs").  The honest sessions are parsed once and cached;
 * per input a case is one memcpy plus pointers into the input. */
#include <string.h>

#include "mdfuzz/common/bytes.h"
#include "mdfuzz/fuzzers/fuzz.h"

#define MAX_SESSIONS 32

static mdf_case_t cache[MAX_SESSIONS]; /* ~31 KiB each: static */
static size_t ncache;
static bool cache_bad;

/* Parse every honest session once.  A session that does not parse (a bug
 * in seq_honest.c, reported there) stays an empty session. */
static size_t sessions(void) {
  size_t i, n;
  const mdf_export_t *const *seq;
  size_t nseq;

  if (ncache != 0 || cache_bad)
    return ncache;
  n = mdf_seq_honest_count();
  if (n > MAX_SESSIONS)
    n = MAX_SESSIONS;
  seq = mdf_fuzz_seq_exports(&nseq);
  for (i = 0; i < n; i++)
    if (mdf_seq_honest_case(i, &cache[i]) != MDF_OK)
      mdf_case_init_seq(&cache[i], seq, nseq);
  ncache = n;
  cache_bad = n == 0;
  return ncache;
}

mdf_err_t mdf_hostile_decode(const uint8_t *data, size_t len, mdf_case_t *c) {
  mdf_cursor_t cur;
  size_t n = sessions(), atr_len, got;
  const uint8_t *p;
  static const uint8_t none[1];

  if (c == NULL || (data == NULL && len != 0) || n == 0)
    return MDF_EINVAL;
  cur = mdf_cursor(len != 0 ? data : none, len); /* no arithmetic on NULL */
  mdf_case_copy(c, &cache[mdf_cursor_u8(&cur) % n]);
  atr_len = mdf_cursor_u8(&cur) % (MDF_ATR_MAX + 1);
  p = mdf_cursor_take(&cur, atr_len, &got);
  memset(c->atr, 0, sizeof(c->atr)); /* bytes past the end read as zero */
  if (got != 0)
    memcpy(c->atr, p, got);
  c->atr_len = (uint8_t)atr_len;
  c->script = mdf_cursor_take(&cur, mdf_cursor_left(&cur), &c->script_len);
  return MDF_OK;
}

mdf_err_t mdf_hostile_encode(size_t session, const uint8_t *atr, size_t atr_len,
                             const uint8_t *script, size_t script_len, uint8_t *buf, size_t cap,
                             size_t *len) {
  if (len != NULL)
    *len = 0;
  if (buf == NULL || len == NULL || session > 255 || atr_len > MDF_ATR_MAX ||
      (atr == NULL && atr_len != 0) || (script == NULL && script_len != 0))
    return MDF_EINVAL;
  if (2 + atr_len + script_len > cap)
    return MDF_ESPACE;
  buf[0] = (uint8_t)session;
  buf[1] = (uint8_t)atr_len;
  if (atr_len != 0)
    memcpy(buf + 2, atr, atr_len);
  if (script_len != 0)
    memcpy(buf + 2 + atr_len, script, script_len);
  *len = 2 + atr_len + script_len;
  return MDF_OK;
}
