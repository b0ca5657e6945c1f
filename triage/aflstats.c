/* AFL++ fuzzer_stats: "key          : value" lines written by afl-fuzz into
 * <out>/<instance>/fuzzer_stats. */
#include <stdlib.h>
#include <string.h>

#include "mdfuzz/triage/triage.h"

/* AFL++ writes "inf" or "nan" in its first second: those are no rate. */
static uint64_t rate(const char *v) {
  double d = strtod(v, NULL);

  return d >= 0.0 && d < 1e15 ? (uint64_t)d : 0;
}

mdf_err_t mdf_triage_parse_afl_stats(const char *text, mdf_triage_status_t *st) {
  if (!text || !st)
    return MDF_EINVAL;
  int known = 0;
  while (*text) {
    size_t n = strcspn(text, "\n");
    const char *colon = memchr(text, ':', n);
    if (colon) {
      size_t klen = (size_t)(colon - text);
      while (klen > 0 && text[klen - 1] == ' ')
        klen--;
      const char *v = colon + 1;
      while (*v == ' ')
        v++;
#define KEY(k) (klen == sizeof(k) - 1 && memcmp(text, k, klen) == 0)
      if (KEY("execs_done")) {
        st->execs = strtoull(v, NULL, 10);
        known = 1;
      } else if (KEY("execs_per_sec")) {
        st->exec_per_sec = rate(v);
        known = 1;
      } else if (KEY("corpus_count")) {
        st->corp_units = (uint32_t)strtoul(v, NULL, 10);
        known = 1;
      } else if (KEY("saved_crashes") || KEY("unique_crashes")) {
        st->crashes = (uint32_t)strtoul(v, NULL, 10);
        known = 1;
      } else if (KEY("peak_rss_mb")) {
        st->rss_mb = (uint32_t)strtoul(v, NULL, 10);
        known = 1;
      } else if (KEY("bitmap_cvg")) {
        size_t vl = strcspn(v, " \r\n");
        if (vl >= sizeof st->bitmap)
          vl = sizeof st->bitmap - 1;
        memcpy(st->bitmap, v, vl);
        st->bitmap[vl] = '\0';
        known = 1;
      }
#undef KEY
    }
    text += n + (text[n] == '\n');
  }
  if (!known)
    return MDF_EPARSE;
  st->seen = 1;
  return MDF_OK;
}
