/* The decoder and encoder: every byte string decodes; short inputs are
 * honest calls; fixed vectors give the expected case; decode -> encode ->
 * decode is the identity on random inputs of every kind; every kind's edge
 * values are reachable from a selector byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "test-fuzz-rows.h"

static mdf_case_t ca, cb; /* large: keep them off the stack */
static uint8_t enc[1 << 16];

static const mdf_export_t *row(const char *name) {
  size_t i;

  for (i = 0; i < T_NROWS; i++)
    if (strcmp(t_rows[i].name, name) == 0)
      return &t_rows[i];
  fail_msg("no test row %s", name);
  return NULL;
}

static void assert_roundtrip(const mdf_case_t *c) {
  size_t len;
  mdf_err_t err = mdf_encode(c, enc, sizeof(enc), &len);

  if (err != MDF_OK) {
    mdf_case_to_text(stderr, c);
    fail_msg("encode: %s", mdf_strerror(err));
  }
  if (c->seq != NULL)
    assert_int_equal(mdf_decode_seq(c->seq, c->nseq, enc, len, &cb), MDF_OK);
  else
    assert_int_equal(mdf_decode(c->calls[0].ex, enc, len, &cb), MDF_OK);
  if (!mdf_case_equal(c, &cb)) {
    mdf_case_to_text(stderr, c);
    mdf_case_to_text(stderr, &cb);
    fail_msg("decode(encode(case)) differs");
  }
}

static void assert_honest_value(const mdf_arg_spec_t *s, const mdf_arg_t *a) {
  const mdf_struct_desc_t *sd = s->dom ? s->dom->sdesc : NULL;
  size_t i;

  switch (s->kind) {
  case MDF_ARG_CARD_DATA:
  case MDF_ARG_OUT_PTR:
    assert_false(a->is_null);
    break;
  case MDF_ARG_DIR_NAME:
    if (s->dom == NULL || s->dom == &mdf_dom_dir)
      assert_true(a->is_null);
    else
      assert_string_equal(mdf_arg_str(a), s->dom->strings[0]);
    break;
  case MDF_ARG_FILE_NAME:
    assert_string_equal(mdf_arg_str(a), "cardid");
    break;
  case MDF_ARG_FLAGS:
  case MDF_ARG_OUT_VAL:
    assert_int_equal(a->u32, 0);
    break;
  case MDF_ARG_DWORD:
  case MDF_ARG_BYTE:
    assert_int_equal(a->u32, s->dom && s->dom->nvalues ? s->dom->values[0].value : 0);
    break;
  case MDF_ARG_WSTR:
    assert_false(a->is_null);
    assert_int_equal(a->len, s->dom ? strlen(s->dom->strings[0]) : 0);
    for (i = 0; i < a->len; i++)
      assert_int_equal(((const uint16_t *)a->data)[i], (uint8_t)s->dom->strings[0][i]);
    assert_int_equal(((const uint16_t *)a->data)[a->len], 0);
    break;
  case MDF_ARG_IN_BUF:
    assert_false(a->is_null);
    assert_int_equal(a->u32, a->len);
    if (s->dom && s->dom->honest) {
      assert_int_equal(a->len, s->dom->honest_len);
      assert_memory_equal(a->data, s->dom->honest, a->len);
    }
    break;
  case MDF_ARG_OUT_BUF:
    assert_false(a->is_null);
    assert_int_equal(a->u32, s->dom && s->dom->typical ? s->dom->typical : 256);
    break;
  case MDF_ARG_STRUCT:
    assert_false(a->is_null);
    assert_int_equal(a->u32, sd->current);
    assert_int_equal(a->nsub, sd->nfields);
    for (i = 0; i < a->nsub; i++)
      assert_honest_value(&sd->fields[i], &a->sub[i]);
    break;
  case MDF_ARG_ARRAY:
    assert_false(a->is_null);
    assert_int_equal(a->u32, s->dom->typical);
    assert_int_equal(a->nsub, s->dom->typical);
    break;
  case MDF_ARG_KEY_HANDLE:
    assert_int_equal(a->how, MDF_KEY_EARLIER);
    assert_int_equal(a->u32, 0);
    break;
  default:
    fail_msg("kind %d", s->kind);
  }
}

static void assert_honest(const mdf_case_t *c, const mdf_export_t *ex) {
  size_t i;

  assert_int_equal(c->version, 7);
  assert_int_equal(c->acquire_flags, 0);
  assert_false(c->null_acquire);
  for (i = 0; i < MDF_CDM_COUNT; i++)
    assert_int_equal(c->mutation[i], MDF_MUT_KEEP);
  assert_int_equal(c->alloc_fail_at + c->realloc_fail_at, 0);
  assert_int_equal(c->cache_mode + c->pad_mode + c->unpad_mode + c->dh_mode + c->atr_len, 0);
  assert_int_equal(c->ncalls, 1);
  assert_ptr_equal(c->calls[0].ex, ex);
  for (i = 0; i < ex->nargs; i++)
    assert_honest_value(&ex->args[i], &c->calls[0].args[i]);
}

static void test_short_inputs_are_honest(void **state) {
  static const uint8_t zeros[200];
  size_t r, n;

  (void)state;
  for (r = 0; r < T_NROWS; r++) {
    for (n = 0; n < sizeof(zeros); n += 7) {
      assert_int_equal(mdf_decode(&t_rows[r], n ? zeros : NULL, n, &ca), MDF_OK);
      assert_honest(&ca, &t_rows[r]);
    }
    mdf_case_init(&ca, &t_rows[r]);
    assert_honest(&ca, &t_rows[r]);
    assert_int_equal(ca.script_len, 0);
    assert_roundtrip(&ca);
  }
  assert_int_equal(mdf_decode(NULL, zeros, 1, &ca), MDF_EINVAL);
  assert_int_equal(mdf_decode(&t_rows[0], zeros, 1, NULL), MDF_EINVAL);
}

/* The committed CardReadFile regressions keep their meaning. */
static void test_fixed_vectors(void **state) {
  static const uint8_t nullalloc[] = {0x00, 0xe1, 0x00, 0xe1};
  static const uint8_t flags[] = {0x00, 0x00, 0x00, 0x00, 0xe2, 0x00, 0x00, 0x00, 0xe2};
  static const uint8_t leak[] = {0xff, 0x00, 0x68, 0x61, 0xab, 0xab, 0xab,
                                 0x72, 0x64, 0x00, 0x7f, 0x00, 0x86};
  static const uint8_t v5[] = {0xc1, 0xf8, 0x0b, 0xff, 0x78, 0x56, 0x34, 0x12, 0xff,
                               0xf0, 0x01, 0x02, 0x03, 0x04, 0x02, 0x3B, 0x00, 0xF8};
  const mdf_export_t *rf = row("CardReadFile");
  const mdf_arg_t *a = ca.calls[0].args;

  (void)state;
  mdf_decode(rf, nullalloc, sizeof(nullalloc), &ca);
  assert_int_equal(ca.alloc_fail_at, 2);
  assert_int_equal(ca.mutation[1], MDF_MUT_KEEP);
  mdf_decode(rf, flags, sizeof(flags), &ca);
  assert_int_equal(a[3].u32, 4);
  assert_int_equal(ca.cache_mode, MDF_CACHE_NORMAL);
  mdf_decode(rf, leak, sizeof(leak), &ca);
  assert_int_equal(ca.version, 0x40000);
  assert_string_equal(mdf_arg_str(&a[1]), "mscp");
  assert_string_equal(mdf_arg_str(&a[2]), "kxc00");
  assert_int_equal(a[3].u32, 0);
  assert_false(a[4].is_null);
  assert_false(a[5].is_null);
  assert_int_equal(ca.script_len, 2);
  assert_int_equal(ca.script[1], 0x86);
  /* v5, garbage hScard, realloc fault 16, modes and a 2-byte ATR */
  mdf_decode(rf, v5, sizeof(v5), &ca);
  assert_int_equal(ca.version, 5);
  assert_int_equal(ca.mutation[MDF_CDM_CARD], MDF_MUT_GARBAGE);
  assert_int_equal(ca.acquire_flags, 0x12345678u);
  assert_int_equal(ca.realloc_fail_at, 16);
  assert_int_equal(ca.cache_mode, 1);
  assert_int_equal(ca.pad_mode, 2);
  assert_int_equal(ca.unpad_mode, 3);
  assert_int_equal(ca.dh_mode, 4);
  assert_int_equal(ca.atr_len, 2);
  assert_int_equal(ca.atr[0], 0x3B);
  assert_true(a[0].is_null); /* pCardData selector F8 */
  assert_int_equal(ca.script_len, 0);
}

static void test_random_roundtrip(void **state) {
  static uint8_t in[600];
  size_t r, i, n;

  (void)state;
  for (r = 0; r < T_NROWS; r++) {
    for (i = 0; i < 100000; i++) {
      n = t_random_input(in, sizeof(in));
      assert_int_equal(mdf_decode(&t_rows[r], in, n, &ca), MDF_OK);
      assert_roundtrip(&ca);
    }
  }
  for (i = 0; i < 50000; i++) {
    n = t_random_input(in, sizeof(in));
    assert_int_equal(mdf_decode_seq(t_seq, T_NROWS, in, n, &ca), MDF_OK);
    assert_true(ca.ncalls >= 1 && ca.ncalls <= MDF_MAX_CALLS);
    assert_roundtrip(&ca);
  }
}

/* Decode hdr + one selector byte b at argument k (other arguments honest). */
static const mdf_arg_t *sweep(const mdf_export_t *ex, size_t k, uint8_t b, const uint8_t *tail,
                              size_t tail_len) {
  uint8_t in[64] = {0};
  size_t n = 5 + k; /* header + one honest zero byte per earlier argument */

  in[n] = b;
  if (tail_len)
    memcpy(in + n + 1, tail, tail_len);
  mdf_decode(ex, in, n + 1 + tail_len, &ca);
  return &ca.calls[0].args[k];
}

static void test_edges_reachable(void **state) {
  static const uint8_t lit[] = {3, 'a', 0, 'b'};
  const mdf_export_t *rf = row("CardReadFile"), *ks = row("KitchenSink"), *cr = row("Crypto");
  const char *forbidden = "\\/:*?\"<>|\x01\x1f";
  unsigned seen_null = 0, seen8 = 0, seen9 = 0, seen_empty = 0, seen_hi = 0, b;
  unsigned forb[16] = {0}, huge = 0, zero = 0, one = 0, minus = 0, plus = 0, nul = 0;
  unsigned v0 = 0, v1 = 0, v2 = 0, v3 = 0, vhuge = 0, snull = 0, unknown_bits = 0;
  size_t k, i;

  (void)state;
  for (k = 1; k <= 2; k++) {
    for (b = 0; b < 256; b++) {
      const mdf_arg_t *a = sweep(rf, k, (uint8_t)b, lit, sizeof(lit));
      const char *s = mdf_arg_str(a);

      if (s == NULL) {
        seen_null |= 1u << k;
        continue;
      }
      seen8 |= (a->len == 8) << k;
      seen9 |= (a->len == 9) << k;
      seen_empty |= (a->len == 0) << k;
      for (i = 0; i < a->len; i++) {
        const char *f = strchr(forbidden, s[i]);

        if (s[i] != '\0' && f != NULL)
          forb[f - forbidden] |= 1u << k;
        seen_hi |= ((unsigned char)s[i] >= 0x80) << k;
      }
      nul |= (a->len == 3 && s[1] == '\0') << k; /* literal with an embedded NUL */
    }
  }
  assert_int_equal(seen_null, 6);
  assert_int_equal(seen8, 6);
  assert_int_equal(seen9, 6);
  assert_int_equal(seen_empty, 6);
  assert_int_equal(seen_hi, 6);
  assert_int_equal(nul, 6);
  for (i = 0; i < strlen(forbidden); i++)
    assert_int_equal(forb[i], 6);
  /* flags with unknown bits */
  for (b = 0; b < 256; b++)
    unknown_bits |= (sweep(rf, 3, (uint8_t)b, NULL, 0)->u32 & 0x80000000u) != 0;
  assert_true(unknown_bits);
  /* input buffer: NULL, declared 0, 1, off by one, huge */
  for (b = 0; b < 256; b++) {
    const mdf_arg_t *a = sweep(ks, 4, (uint8_t)b, NULL, 0);

    nul |= a->is_null << 8;
    zero |= a->u32 == 0 && a->len == 4;
    one |= a->u32 == 1 && a->len == 4;
    minus |= a->u32 == 3 && a->len == 4;
    plus |= a->u32 == 5 && a->len == 4;
    huge |= a->u32 == 0xFFFFFFFFu;
  }
  assert_true(nul & 0x100);
  assert_true(zero && one && minus && plus && huge);
  /* output buffer capacity 0 and NULL; key handles earlier and garbage */
  zero = nul = huge = 0;
  for (b = 0; b < 256; b++) {
    const mdf_arg_t *a = sweep(ks, 5, (uint8_t)b, NULL, 0);

    zero |= !a->is_null && a->u32 == 0;
    nul |= a->is_null;
    a = sweep(ks, 7, (uint8_t)b, NULL, 0);
    huge |= a->how == MDF_KEY_LITERAL && a->u32 == 0xDEADBEEFu;
    one |= a->how == MDF_KEY_EARLIER && a->u32 == 1;
  }
  assert_true(zero && nul && huge && one);
  /* struct versions: 0, each valid, current+1, huge, NULL */
  for (b = 0; b < 256; b++) {
    const mdf_arg_t *a = sweep(cr, 0, (uint8_t)b, NULL, 0);

    snull |= a->is_null;
    if (a->is_null)
      continue;
    assert_int_equal(a->nsub, mdf_sd_signing_info.nfields);
    v0 |= a->u32 == 0;
    v1 |= a->u32 == 1;
    v2 |= a->u32 == 2;
    v3 |= a->u32 == 3;
    vhuge |= a->u32 == 0xFFFFFFFFu;
  }
  assert_true(snull && v0 && v1 && v2 && v3 && vhuge);
  /* header: versions 0..8 and huge, every cache / CSP mode */
  {
    unsigned versions = 0, modes = 0;
    uint8_t in[10] = {0};

    for (b = 0; b < 256; b++) {
      in[0] = (uint8_t)b;
      mdf_decode(rf, in, 1, &ca);
      if (ca.version <= 8)
        versions |= 1u << ca.version;
      vhuge |= (ca.version == 0xFFFFFFFFu) << 4;
      in[0] = 0;
      in[4] = 0xF0;
      in[5] = in[6] = in[7] = in[8] = (uint8_t)b;
      mdf_decode(rf, in, 9, &ca);
      modes |= 1u << ca.cache_mode | 1u << (8 + ca.pad_mode) | 1u << (16 + ca.dh_mode);
      in[4] = 0;
    }
    assert_int_equal(versions, 0x1FF);
    assert_true(vhuge & 0x10);
    assert_int_equal(modes, 0x3F | 0x1F << 8 | 0x1F << 16);
  }
}

static void test_encode_errors(void **state) {
  size_t len;

  (void)state;
  mdf_case_init(&ca, row("CardReadFile"));
  assert_int_equal(mdf_encode(&ca, enc, 3, &len), MDF_ESPACE);
  ca.mutation[0] = MDF_MUT_ZERO;
  ca.mutation[1] = MDF_MUT_ZERO;
  assert_int_equal(mdf_encode(&ca, enc, sizeof(enc), &len), MDF_EINVAL);
  ca.mutation[1] = MDF_MUT_KEEP;
  ca.version = 12345;
  assert_int_equal(mdf_encode(&ca, enc, sizeof(enc), &len), MDF_EINVAL);
  ca.version = 7;
  ca.calls[0].args[2].len = MDF_NAME_MAX + 1;
  ca.calls[0].args[2].data = "0123456789012345678901234567890123456789012345";
  assert_int_equal(mdf_encode(&ca, enc, sizeof(enc), &len), MDF_EINVAL);
  assert_int_equal(mdf_encode(NULL, enc, sizeof(enc), &len), MDF_EINVAL);
}

static void test_setters_copy_seq(void **state) {
  static const uint8_t script[] = {1, 0x6A, 0x82};
  static mdf_case_t cc;
  const mdf_export_t *ks = row("KitchenSink");
  mdf_call_t *call;

  (void)state;
  mdf_case_init_seq(&ca, t_seq, T_NROWS);
  assert_null(mdf_case_add_call(&ca, NULL));
  call = mdf_case_add_call(&ca, row("CardReadFile"));
  assert_non_null(call);
  assert_int_equal(mdf_case_set_str(&ca, &call->args[2], "card*id"), MDF_OK);
  call = mdf_case_add_call(&ca, ks);
  assert_int_equal(mdf_case_set_wstr(&ca, &call->args[3], "PIN Information"), MDF_OK);
  assert_int_equal(mdf_case_set_bytes(&ca, &call->args[4], "0000", 4), MDF_OK);
  assert_int_equal(mdf_case_set_script(&ca, script, sizeof(script)), MDF_OK);
  assert_roundtrip(&ca);
  assert_int_equal(cb.ncalls, 2);
  assert_string_equal(mdf_arg_str(&cb.calls[0].args[2]), "card*id");
  assert_int_equal(cb.calls[1].args[4].len, 4);
  mdf_case_copy(&cc, &ca);
  assert_true(mdf_case_equal(&cc, &ca));
  assert_true((const uint8_t *)cc.calls[1].args[4].data >= cc.arena &&
              (const uint8_t *)cc.calls[1].args[4].data < cc.arena + MDF_ARENA_SIZE);
  assert_true(cc.script >= cc.arena && cc.script < cc.arena + MDF_ARENA_SIZE);
  cc.calls[1].args[2].u32 ^= 1;
  assert_false(mdf_case_equal(&cc, &ca));
  /* an empty sequence input is one honest call of the first export */
  assert_int_equal(mdf_decode_seq(t_seq, T_NROWS, NULL, 0, &ca), MDF_OK);
  assert_int_equal(ca.ncalls, 1);
  assert_honest(&ca, t_seq[0]);
  assert_int_equal(mdf_decode_seq(t_seq, 0, NULL, 0, &ca), MDF_EINVAL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_short_inputs_are_honest), cmocka_unit_test(test_fixed_vectors),
      cmocka_unit_test(test_random_roundtrip),        cmocka_unit_test(test_edges_reachable),
      cmocka_unit_test(test_encode_errors),           cmocka_unit_test(test_setters_copy_seq),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
