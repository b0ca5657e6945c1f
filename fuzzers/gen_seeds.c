/* Seed generator: writes corpus/CardReadFile/ through the decoder's encoder,
 * so the seeds stay valid when the input format grows.
 *   mdf-gen-seeds OUTDIR          (writes OUTDIR/<name> for every seed)
 * Each seed is an mdf_case_t edit of the honest case. */
#include <stdio.h>
#include <string.h>

#include "mdfuzz/decode.h"
#include "mdfuzz/fuzzcard.h"

enum { A_CD, A_DIR, A_FILE, A_FLAGS, A_PPB, A_PCB };

static int write_case(const char *dir, const char *name, const mdf_case_t *c) {
  static uint8_t buf[1 << 16];
  size_t len;
  char path[1024];
  FILE *f;
  mdf_err_t err = mdf_encode(c, buf, sizeof(buf), &len);

  if (err != MDF_OK) {
    fprintf(stderr, "gen-seeds: %s: %s\n", name, mdf_strerror(err));
    return 1;
  }
  snprintf(path, sizeof(path), "%s/%s", dir, name);
  f = fopen(path, "wb");
  if (f == NULL || fwrite(buf, 1, len, f) != len) {
    perror(path);
    if (f)
      fclose(f);
    return 1;
  }
  fclose(f);
  return 0;
}

/* Name argument k of the case's call: a copy in the case's arena. */
#define STR(k, s) mdf_case_set_str(&c, &c.calls[0].args[k], (s))
#define ARG(k) c.calls[0].args[k]

int main(int argc, char **argv) {
  const mdf_export_t *ex = mdf_export_find("CardReadFile");
  static const struct {
    const char *name, *dir, *file;
  } reads[] = {
      {"read-cardid", NULL, "cardid"},           {"read-cardcf", NULL, "cardcf"},
      {"read-cardapps", NULL, "cardapps"},       {"read-cmapfile-mscp", "mscp", "cmapfile"},
      {"read-kxc00-mscp", "mscp", "kxc00"},      {"read-ksc01-mscp", "mscp", "ksc01"},
      {"read-msroots-missing", "mscp", "msroots"}, {"read-cmapfile-root", NULL, "cmapfile"},
      {"dir-mscerts-missing", "mscerts", "cardid"}, {"empty-dir", "", "cardid"},
      {"long-dir", "toolongdir", "cardid"},      {"forbidden-dir", "ms?p", "cmapfile"},
      {"null-file", NULL, NULL},                 {"empty-file", NULL, ""},
      {"long-name", NULL, "cardidxyz"},          {"forbidden-file", NULL, "card*id"},
      {"ctrl-char-file", NULL, "card\tid"},      {"eight-char-file", "mscp", "cmapfilx"},
  };
  static const uint8_t sw_6a82[] = {MDF_FZ_SW, 0x6A, 0x82};
  static const uint8_t sw_6982[] = {MDF_FZ_PASS, MDF_FZ_SW, 0x69, 0x82};
  static const uint8_t trunc[] = {MDF_FZ_PASS, MDF_FZ_PASS, MDF_FZ_TRUNCATE, 1};
  static const uint8_t extend[] = {MDF_FZ_PASS, MDF_FZ_PASS, MDF_FZ_EXTEND, 8, 0x62, 0x06,
                                   0x80, 0x02, 0xFF, 0xFF, 0x82, 0x01};
  static const uint8_t removed[] = {MDF_FZ_PASS, MDF_FZ_REMOVED};
  static const uint8_t sw_61[] = {MDF_FZ_PASS, MDF_FZ_PASS, MDF_FZ_SW, 0x61, 0x10};
  const char *dir = argc > 1 ? argv[1] : ".";
  static mdf_case_t c; /* large: not on the stack */
  size_t i;
  int bad = 0;

  if (ex == NULL)
    return 2;
  for (i = 0; i < sizeof(reads) / sizeof(reads[0]); i++) {
    mdf_case_init(&c, ex);
    STR(A_DIR, reads[i].dir);
    STR(A_FILE, reads[i].file);
    bad |= write_case(dir, reads[i].name, &c);
  }
#define SEED(name, edit)        \
  do {                          \
    mdf_case_init(&c, ex);      \
    edit;                       \
    bad |= write_case(dir, name, &c); \
  } while (0)
#define SCRIPT(s) mdf_case_set_script(&c, (s), sizeof(s))
  SEED("bad-flags", ARG(A_FLAGS).u32 = 4);
  SEED("bad-flags-size-only", ARG(A_FLAGS).u32 = 0x20000000u);
  SEED("null-dir-cmapfile", (STR(A_DIR, NULL), STR(A_FILE, "cmapfile")));
  SEED("null-carddata", ARG(A_CD).is_null = true);
  SEED("null-ppbdata", ARG(A_PPB).is_null = true);
  SEED("null-pcbdata", ARG(A_PCB).is_null = true);
  SEED("version-4", c.version = 4);
  SEED("version-5", c.version = 5);
  SEED("version-6", c.version = 6);
  SEED("version-3", c.version = 3);
  SEED("version-8", c.version = 8);
  SEED("version-max", c.version = 0xFFFFFFFFu);
  SEED("acquire-flags", c.acquire_flags = 2);
  SEED("acquire-null-carddata", c.null_acquire = true);
  SEED("acquire-null-atr", c.mutation[MDF_CDM_ATR] = MDF_MUT_ZERO);
  SEED("acquire-junk-atr", c.mutation[MDF_CDM_ATR] = MDF_MUT_GARBAGE);
  SEED("acquire-zero-cbatr", c.mutation[MDF_CDM_CBATR] = MDF_MUT_ZERO);
  SEED("acquire-null-name", c.mutation[MDF_CDM_NAME] = MDF_MUT_ZERO);
  SEED("acquire-null-alloc", c.mutation[MDF_CDM_ALLOC] = MDF_MUT_ZERO);
  SEED("acquire-null-free", c.mutation[MDF_CDM_FREE] = MDF_MUT_ZERO);
  SEED("acquire-null-cache", c.mutation[MDF_CDM_CACHE_LOOKUP] = MDF_MUT_ZERO);
  SEED("acquire-zero-hscard", c.mutation[MDF_CDM_CARD] = MDF_MUT_ZERO);
  SEED("acquire-zero-hscardctx", c.mutation[MDF_CDM_CTX] = MDF_MUT_ZERO);
  SEED("alloc-fail-1", c.alloc_fail_at = 1);
  SEED("alloc-fail-2", c.alloc_fail_at = 2);
  SEED("alloc-fail-3-cmapfile", (c.alloc_fail_at = 3, STR(A_DIR, "mscp"),
                                 STR(A_FILE, "cmapfile")));
  SEED("realloc-fail-1", c.realloc_fail_at = 1);
  SEED("cache-miss", c.cache_mode = MDF_CACHE_MISS);
  SEED("cache-stale-cardcf", (c.cache_mode = 2, STR(A_FILE, "cardcf")));
  SEED("cache-truncated", c.cache_mode = 3);
  SEED("cache-other-cmapfile", (c.cache_mode = 4, STR(A_DIR, "mscp"), STR(A_FILE, "cmapfile")));
  SEED("cache-fail", c.cache_mode = 5);
  SEED("atr-short", (c.atr_len = 2, c.atr[0] = 0x3B, c.atr[1] = 0x00));
  SEED("eight-char-dir", STR(A_DIR, "abcdefgh"));
  SEED("nine-char-file", STR(A_FILE, "cmapfileX"));
  SEED("non-ansi-file", STR(A_FILE, "\xe9t\xe9"));
  SEED("card-sw-6a82", SCRIPT(sw_6a82));
  SEED("card-sw-6982", SCRIPT(sw_6982));
  SEED("card-truncate", SCRIPT(trunc));
  SEED("card-extend-fcp", SCRIPT(extend));
  SEED("card-removed", SCRIPT(removed));
  SEED("card-sw-61xx", SCRIPT(sw_61));
  return bad ? 1 : 0;
}
