/* Replay source: strict order and divergence, events, lenient matching,
 * rewind; and the committed sim-logon trace replayed strictly through the
 * reader against itself. */
#include "mdfuzz/reader/reader.h"
#include "mdfuzz/reader/replay.h"
#include "test-reader-util.h"

#include <unistd.h>

static const char text[] = "mdfuzz-trace 1\n"
                           "atr 3B 00\n"
                           "> 00 A4 00 0C 02 3F 00\n" /* line 3 */
                           "< 90 00\n"
                           "> 00 B0 00 00 02\n" /* line 5 */
                           "< 01 02 90 00\n"
                           "reset\n" /* line 7 */
                           "atr 3B 01\n"
                           "> 00 B0 00 00 02\n" /* line 9 */
                           "< 03 04 90 00\n"
                           "removed\n";

static mdf_trace_t trace;

static int setup(void **state) {
  (void)state;
  mdf_diag_t d;
  return mdf_trace_parse(text, sizeof(text) - 1, "t.trace", &trace, &d);
}

static int teardown(void **state) {
  (void)state;
  mdf_trace_clear(&trace);
  return 0;
}

static mdf_err_t send(mdf_card_t *c, const char *hex, tr_resp_t *r) {
  uint8_t apdu[64];
  size_t n = tr_unhex(hex, apdu, sizeof(apdu)), len = sizeof(r->data);
  mdf_err_t err = c->ops->transmit(c->ctx, apdu, n, r->data, &len);
  r->len = len;
  return err;
}

static void power(mdf_card_t *c, const char *want) {
  uint8_t atr[MDF_ATR_MAX], w[MDF_ATR_MAX];
  size_t n = sizeof(atr), wn = tr_unhex(want, w, sizeof(w));
  assert_int_equal(c->ops->power_on(c->ctx, atr, &n), MDF_OK);
  assert_int_equal(n, wn);
  assert_memory_equal(atr, w, n);
}

static void test_strict(void **state) {
  (void)state;
  mdf_replay_t *r;
  tr_resp_t resp;
  assert_int_equal(mdf_replay_new(&r, &trace, MDF_REPLAY_STRICT), MDF_OK);
  mdf_trace_clear(&trace); /* the replay keeps its own copy */
  mdf_card_t c = mdf_replay_card(r);
  for (int round = 0; round < 2; round++) {
    power(&c, "3B 00");
    assert_int_equal(send(&c, "00 A4 00 0C 02 3F 00", &resp), MDF_OK);
    assert_int_equal(resp.len, 2);
    assert_int_equal(send(&c, "00 B0 00 00 02", &resp), MDF_OK);
    assert_memory_equal(resp.data, "\x01\x02\x90\x00", 4);
    /* The reset event answers the next command, which is not consumed. */
    assert_int_equal(send(&c, "00 B0 00 00 02", &resp), MDF_ERESET);
    power(&c, "3B 01");
    assert_int_equal(send(&c, "00 B0 00 00 02", &resp), MDF_OK);
    assert_memory_equal(resp.data, "\x03\x04\x90\x00", 4);
    assert_false(mdf_replay_done(r));
    assert_int_equal(send(&c, "00 B0 00 00 02", &resp), MDF_EREMOVED);
    assert_true(mdf_replay_done(r));
    assert_null(mdf_replay_divergence(r));
    mdf_replay_rewind(r);
  }
  mdf_replay_free(r);
  assert_int_equal(setup(NULL), MDF_OK);
}

static void test_divergence(void **state) {
  (void)state;
  mdf_replay_t *r;
  tr_resp_t resp;
  char buf[512];
  assert_int_equal(mdf_replay_new(&r, &trace, MDF_REPLAY_STRICT), MDF_OK);
  mdf_card_t c = mdf_replay_card(r);
  assert_int_equal(send(&c, "00 A4 00 0C 02 3F 00", &resp), MDF_OK);
  assert_int_equal(send(&c, "00 B0 00 00 04", &resp), MDF_EDIVERGE);
  const mdf_diag_t *d = mdf_replay_divergence(r);
  assert_non_null(d);
  assert_string_equal(mdf_diag_format(d, buf, sizeof(buf)),
                      "t.trace:5: expected 00 B0 00 00 02, got 00 B0 00 00 04");
  /* Sticky until rewind, even for the right command. */
  assert_int_equal(send(&c, "00 B0 00 00 02", &resp), MDF_EDIVERGE);
  mdf_replay_rewind(r);
  assert_null(mdf_replay_divergence(r));
  assert_int_equal(send(&c, "00 A4 00 0C 02 3F 00", &resp), MDF_OK);
  /* Past the end of the trace. */
  mdf_replay_rewind(r);
  static const char *all[] = {"00 A4 00 0C 02 3F 00", "00 B0 00 00 02", "00 B0 00 00 02",
                              "00 B0 00 00 02", "00 B0 00 00 02"};
  for (size_t i = 0; i < 5; i++)
    send(&c, all[i], &resp);
  assert_int_equal(send(&c, "00 A4 00 0C 02 3F 00", &resp), MDF_EDIVERGE);
  assert_string_equal(mdf_diag_format(mdf_replay_divergence(r), buf, sizeof(buf)),
                      "t.trace:11: expected end of trace, got 00 A4 00 0C 02 3F 00");
  /* A response buffer too small for the recorded answer. */
  mdf_replay_rewind(r);
  uint8_t small[1];
  size_t n = sizeof(small);
  assert_int_equal(
      c.ops->transmit(c.ctx, (const uint8_t *)"\x00\xA4\x00\x0C\x02\x3F\x00", 7, small, &n),
      MDF_ESPACE);
  mdf_replay_free(r);
}

static void test_lenient(void **state) {
  (void)state;
  mdf_replay_t *r;
  tr_resp_t resp;
  assert_int_equal(mdf_replay_new(&r, &trace, MDF_REPLAY_LENIENT), MDF_OK);
  mdf_card_t c = mdf_replay_card(r);
  /* Out of order, events ignored; first unused match, then any match. */
  assert_int_equal(send(&c, "00 B0 00 00 02", &resp), MDF_OK);
  assert_memory_equal(resp.data, "\x01\x02\x90\x00", 4);
  assert_int_equal(send(&c, "00 B0 00 00 02", &resp), MDF_OK);
  assert_memory_equal(resp.data, "\x03\x04\x90\x00", 4);
  assert_int_equal(send(&c, "00 B0 00 00 02", &resp), MDF_OK);
  assert_memory_equal(resp.data, "\x01\x02\x90\x00", 4);
  assert_int_equal(send(&c, "00 A4 00 0C 02 3F 00", &resp), MDF_OK);
  assert_memory_equal(resp.data, "\x90\x00", 2);
  assert_int_equal(send(&c, "00 84 00 00 08", &resp), MDF_OK);
  assert_int_equal(resp.len, 2);
  assert_memory_equal(resp.data, "\x6D\x00", 2);
  mdf_replay_set_fallback(r, 0x6A, 0x82);
  assert_int_equal(send(&c, "00 84 00 00 08", &resp), MDF_OK);
  assert_memory_equal(resp.data, "\x6A\x82", 2);
  mdf_replay_rewind(r);
  assert_int_equal(send(&c, "00 B0 00 00 02", &resp), MDF_OK);
  assert_memory_equal(resp.data, "\x01\x02\x90\x00", 4);
  assert_null(mdf_replay_divergence(r));
  mdf_replay_free(r);
  mdf_replay_free(NULL);
  assert_int_equal(mdf_replay_new(&r, NULL, MDF_REPLAY_STRICT), MDF_EINVAL);
  assert_null(r);
}

/* The source ops of a replay opened from a file: reset rewinds (the first
 * answer again), free releases it (LeakSanitizer would report it);
 * a missing file is an error with a diagnostic. */
static void test_open_reset_free(void **state) {
  (void)state;
  char path[] = "/tmp/mdf-replay-XXXXXX";
  int fd = mkstemp(path);
  mdf_card_t c;
  mdf_diag_t d;
  tr_resp_t resp;
  assert_true(fd >= 0);
  assert_int_equal(write(fd, text, sizeof(text) - 1), (ssize_t)(sizeof(text) - 1));
  close(fd);
  assert_int_equal(mdf_replay_open(path, &c, &d), MDF_OK);
  unlink(path);
  assert_string_equal(c.ops->name, "replay");
  assert_int_equal(send(&c, "00 B0 00 00 02", &resp), MDF_OK);
  assert_memory_equal(resp.data, "\x01\x02\x90\x00", 4);
  assert_int_equal(send(&c, "00 B0 00 00 02", &resp), MDF_OK);
  assert_memory_equal(resp.data, "\x03\x04\x90\x00", 4);
  c.ops->reset(c.ctx);
  assert_int_equal(send(&c, "00 B0 00 00 02", &resp), MDF_OK);
  assert_memory_equal(resp.data, "\x01\x02\x90\x00", 4);
  c.ops->free(c.ctx);
  assert_int_equal(mdf_replay_open(path, &c, &d), MDF_EIO);
  assert_null(c.ops);
  assert_non_null(strstr(d.file, "mdf-replay-"));
}

/* The committed trace replays strictly through the reader, exchange by exchange. */
static void test_sim_logon_trace(void **state) {
  (void)state;
  mdf_trace_t t;
  mdf_diag_t d;
  char buf[512];
  mdf_replay_t *r;
  mdf_err_t err = mdf_trace_load(MDF_SOURCE_DIR "/corpus/traces/sim-logon.trace", &t, &d);
  if (err)
    fail_msg("%s", mdf_diag_format(&d, buf, sizeof(buf)));
  assert_true(t.n_items >= 10);
  assert_int_equal(mdf_replay_new(&r, &t, MDF_REPLAY_STRICT), MDF_OK);
  mdf_card_t c = mdf_replay_card(r);
  assert_int_equal(mdf_reader_insert(&c), MDF_OK);
  size_t atr_len;
  const uint8_t *atr = mdf_reader_atr(&atr_len);
  assert_int_equal(atr_len, t.atr_len);
  assert_memory_equal(atr, t.atr, atr_len);
  for (size_t i = 0; i < t.n_items; i++) {
    const mdf_trace_item_t *it = &t.items[i];
    uint8_t rsp[MDF_RAPDU_MAX];
    size_t n = sizeof(rsp);
    assert_int_equal(it->kind, MDF_TRACE_EXCHANGE);
    assert_int_equal(c.ops->transmit(c.ctx, mdf_trace_cmd(&t, it), it->cmd_len, rsp, &n), MDF_OK);
    assert_int_equal(n, it->rsp_len);
    assert_memory_equal(rsp, mdf_trace_rsp(&t, it), n);
  }
  assert_true(mdf_replay_done(r));
  mdf_reader_eject();
  mdf_replay_free(r);
  mdf_trace_clear(&t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_strict),          cmocka_unit_test(test_divergence),
      cmocka_unit_test(test_lenient),         cmocka_unit_test(test_sim_logon_trace),
      cmocka_unit_test(test_open_reset_free),
  };
  return cmocka_run_group_tests_name("reader-replay", tests, setup, teardown);
}
