/* Dictionaries (libFuzzer / AFL++ format): fuzzers/dict/<Export>.dict for every
 * row of the export table, generated from the same tables the decoder uses
 * so they do not drift:
 *   - the row's names (directory and file names as the decoder's literal
 *     bytes, wide strings as UTF-16LE with and without the terminator) and
 *     DWORD values of its domains (u32 little-endian), struct members too;
 *   - the selector bytes that reach rare choices (literal, NULL, edges);
 *   - the card side: status words, FCP tags, the APDU headers of
 *     docs/simcard.md, fuzz-card directives.
 *   mdf-gen-seeds --dict fuzzers/ */
#include <string.h>

#include "gen_seeds.h"

static const struct {
  const char *name;
  const char *bytes; /* raw */
  unsigned len;
} base[] = {
#define B(n, s)                                                                                    \
  { n, s, sizeof(s) - 1 }
    /* selectors (corpus/README.md "Fuzz inputs") */
    B("sel_literal", "\xF0"),
    B("sel_edge", "\xE0"),
    B("sel_null", "\xFF"),
    B("sel_version0", "\xD0"),
    B("sel_version_next", "\xD8"),
    B("sel_alloc_fail", "\xE1"),
    B("sel_realloc_fail", "\xF1"),
    B("sel_modes", "\xF0\x00\x00\x00\x00\x00"),
    /* status words */
    B("sw_9000", "\x90\x00"),
    B("sw_61xx", "\x61\x10"),
    B("sw_6100", "\x61\x00"),
    B("sw_6cxx", "\x6C\x08"),
    B("sw_6c00", "\x6C\x00"),
    B("sw_6282", "\x62\x82"),
    B("sw_63c0", "\x63\xC0"),
    B("sw_63c2", "\x63\xC2"),
    B("sw_6300", "\x63\x00"),
    B("sw_6700", "\x67\x00"),
    B("sw_6982", "\x69\x82"),
    B("sw_6983", "\x69\x83"),
    B("sw_6985", "\x69\x85"),
    B("sw_6986", "\x69\x86"),
    B("sw_6a80", "\x6A\x80"),
    B("sw_6a82", "\x6A\x82"),
    B("sw_6a84", "\x6A\x84"),
    B("sw_6a86", "\x6A\x86"),
    B("sw_6a88", "\x6A\x88"),
    B("sw_6a89", "\x6A\x89"),
    B("sw_6b00", "\x6B\x00"),
    B("sw_6d00", "\x6D\x00"),
    B("sw_6e00", "\x6E\x00"),
    B("sw_6f00", "\x6F\x00"),
    /* FCP (62 L 82 01 type 83 02 fid 80 02 size 84 n name 86 02 rr ww) */
    B("fcp", "\x62"),
    B("fcp_ef", "\x82\x01\x01"),
    B("fcp_df", "\x82\x01\x38"),
    B("fcp_fid", "\x83\x02"),
    B("fcp_size", "\x80\x02"),
    B("fcp_size_big", "\x80\x02\xFF\xFF"),
    B("fcp_name", "\x84\x04mscp"),
    B("fcp_ac", "\x86\x02"),
    B("fcp_ac_never", "\x86\x02\xFF\xFF"),
    B("fid_namedir", "\x0D\xD0"),
    B("fid_mscp", "\x50\x00"),
    B("fid_cmapfile", "\x50\x01"),
    B("ber_len_81", "\x81\xFF"),
    B("ber_len_82", "\x82\xFF\xFF"),
    /* public keys: 7F49 { 81 modulus 82 exponent } / { 86 04 X Y } */
    B("pubkey", "\x7F\x49"),
    B("pubkey_mod", "\x81\x82\x01\x00"),
    B("pubkey_exp", "\x82\x03\x01\x00\x01"),
    B("pubkey_ec", "\x86\x41\x04"),
    /* APDU headers the simulated card knows */
    B("apdu_select", "\x00\xA4\x00\x0C"),
    B("apdu_select_fcp", "\x00\xA4\x00\x04"),
    B("apdu_read", "\x00\xB0\x00\x00"),
    B("apdu_update", "\x00\xD6\x00\x00"),
    B("apdu_create", "\x00\xE0\x00\x00"),
    B("apdu_delete", "\x00\xE4\x00\x00"),
    B("apdu_verify_user", "\x00\x20\x00\x81"),
    B("apdu_verify_admin", "\x00\x20\x00\x82"),
    B("apdu_logout", "\x00\x20\xFF\x81"),
    B("apdu_change", "\x00\x24\x00\x81"),
    B("apdu_unblock", "\x00\x2C\x00\x81"),
    B("apdu_challenge", "\x00\x84\x00\x00"),
    B("apdu_ext_auth", "\x00\x82\x00\x82"),
    B("apdu_mse", "\x00\x22\x41\xB6"),
    B("apdu_sign", "\x00\x2A\x9E\x9A"),
    B("apdu_decipher", "\x00\x2A\x80\x86"),
    B("apdu_pubkey", "\x00\x47\x81\x00"),
    B("apdu_keygen", "\x00\x47\x80\x00"),
    B("apdu_get_response", "\x00\xC0\x00\x00"),
    B("apdu_free_space", "\x80\xCA\x01\x01"),
    /* fuzz-card directives (include/mdfuzz/reader/fuzzcard.h) */
    B("fz_sw_9000", "\x01\x90\x00"),
    B("fz_sw_6a82", "\x01\x6A\x82"),
    B("fz_sw_6cxx", "\x01\x6C\x04"),
    B("fz_sw_61xx", "\x01\x61\x10"),
    B("fz_truncate", "\x02\x01"),
    B("fz_extend", "\x03\x08"),
    B("fz_replace", "\x04\x10\x00"),
    B("fz_removed", "\x06"),
    B("fz_reset", "\x07"),
    /* lengths */
    B("u32_max", "\xFF\xFF\xFF\xFF"),
    B("u32_huge", "\xFF\xFF\xFF\x7F"),
    B("u32_64k", "\x00\x00\x01\x00"),
#undef B
};

static void put(FILE *f, const char *prefix, const char *name, const uint8_t *p, size_t n) {
  size_t i;

  fprintf(f, "%s", prefix);
  for (i = 0; name[i] != '\0'; i++)
    fputc((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
                  (name[i] >= '0' && name[i] <= '9')
              ? name[i]
              : '_',
          f);
  fputs("=\"", f);
  for (i = 0; i < n; i++) {
    if (p[i] >= 0x20 && p[i] < 0x7F && p[i] != '"' && p[i] != '\\')
      fputc(p[i], f);
    else
      fprintf(f, "\\x%02X", p[i]);
  }
  fputs("\"\n", f);
}

static void put_ascii(FILE *f, const char *prefix, const char *s) {
  put(f, prefix, s, (const uint8_t *)s, strlen(s));
}

/* UTF-16LE, with the terminator (w_) and without (wn_). */
static void put_wide(FILE *f, const char *s) {
  uint8_t w[2 * 80 + 2];
  size_t i, n = strlen(s);

  if (n > 80)
    n = 80;
  for (i = 0; i < n; i++) {
    w[2 * i] = (uint8_t)s[i];
    w[2 * i + 1] = 0;
  }
  w[2 * n] = w[2 * n + 1] = 0;
  put(f, "w_", s, w, 2 * n + 2);
  put(f, "wn_", s, w, 2 * n);
}

static void put_u32(FILE *f, const char *name, uint32_t v) {
  uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};

  if (v > 0xFF) /* one-byte values are the selectors' job */
    put(f, "u32_", name, b, 4);
}

static void spec_entries(FILE *f, const mdf_arg_spec_t *s, int depth) {
  const mdf_domain_t *d = s->dom;
  size_t i;

  if (d == NULL)
    return;
  for (i = 0; i < d->nstrings; i++)
    if (d->strings[i] != NULL && d->strings[i][0] != '\0') {
      if (s->kind == MDF_ARG_WSTR)
        put_wide(f, d->strings[i]);
      else
        put_ascii(f, "name_", d->strings[i]);
    }
  for (i = 0; i < d->nvalues; i++)
    put_u32(f, d->values[i].name, d->values[i].value);
  if (d->honest != NULL && d->honest_len != 0)
    put(f, "honest_", s->name, d->honest, d->honest_len);
  if (d->sdesc != NULL && depth < 3)
    for (i = 0; i < d->sdesc->nfields; i++)
      spec_entries(f, &d->sdesc->fields[i], depth + 1);
}

static int write_dict(const char *dir, const mdf_export_t *ex) {
  char path[1024];
  FILE *f;
  size_t i;
  uint8_t k;

  snprintf(path, sizeof(path), "%s/%s.dict", dir, ex->name);
  f = fopen(path, "w");
  if (f == NULL) {
    perror(path);
    return 1;
  }
  fprintf(f,
          "# %s dictionary (libFuzzer / AFL++ format), written by mdf-gen-seeds --dict\n"
          "# from the export table and docs/simcard.md: do not edit by hand.\n",
          ex->name);
  fprintf(f, "# names and values of the arguments\n");
  if (ex->invoke == NULL) /* CardAcquireContext: the CARD_DATA header */
    for (i = 0; i < 8; i++)
      put_u32(f, "version", (uint32_t)(i + 1) << 8);
  for (k = 0; k < ex->nargs; k++)
    spec_entries(f, &ex->args[k], 0);
  /* names the decoder's literal selector takes (8 and 9 characters) */
  put_ascii(f, "name_", "abcdefgh");
  put_ascii(f, "name_", "abcdefghi");
  fprintf(f, "# selectors, card answers, APDU headers, fuzz-card directives\n");
  for (i = 0; i < sizeof(base) / sizeof(base[0]); i++)
    put(f, "", base[i].name, (const uint8_t *)base[i].bytes, base[i].len);
  if (fclose(f) != 0) {
    perror(path);
    return 1;
  }
  return 0;
}

int mdf__gen_dicts(const char *dir) {
  size_t n, i;
  const mdf_export_t *rows = mdf_exports(&n);
  int bad = 0;

  for (i = 0; i < n; i++)
    bad |= write_dict(dir, &rows[i]);
  return bad;
}
