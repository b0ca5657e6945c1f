/* Recorder: a logon session against the sim through SCardTransmit, written
 * as a trace; it must equal the committed corpus/traces/sim-logon.trace
 * (RSA signatures are deterministic).  Regenerate that file with
 *   test-reader-record --write corpus/traces/sim-logon.trace
 * Also: events (reset, removed) are recorded. */
#include <openssl/evp.h>
#include <winscard.h>

#include "mdfuzz/reader/fuzzcard.h"
#include "mdfuzz/reader/reader.h"
#include "mdfuzz/reader/sim.h"
#include "mdfuzz/reader/trace.h"
#include "test-reader-util.h"

static const char *write_path;

static const struct step {
  const char *label;
  const char *apdu;
} logon[] = {
    {"select MF", "00 A4 00 0C 02 3F 00"},
    {"select cardid", "00 A4 00 0C 02 10 01"},
    {"read cardid", "00 B0 00 00 00"},
    {"select cardcf", "00 A4 00 0C 02 10 02"},
    {"read cardcf", "00 B0 00 00 06"},
    {"select mscp name directory", "00 A4 08 0C 04 50 00 0D D0"},
    {"read name directory part 1", "00 B0 00 00 00"},
    {"read name directory part 2", "00 B0 01 00 80"},
    {"select cmapfile", "00 A4 00 04 02 50 01 00"},
    {"read cmapfile", "00 B0 00 00 AC"},
    {"verify user PIN", "00 20 00 81 04 31 32 33 34"},
    {"MSE set signing key 01", "00 22 41 B6 03 84 01 01"},
    {"sign SHA-256 DigestInfo", NULL}, /* built below */
    {"reset user PIN verification", "00 20 FF 81"},
};

static size_t sign_apdu(uint8_t *apdu) {
  static const uint8_t prefix[19] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                     0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
  unsigned int n = 32;
  memcpy(apdu, "\x00\x2A\x9E\x9A\x33", 5);
  memcpy(apdu + 5, prefix, 19);
  assert_true(EVP_Digest("mdfuzz sim logon", 16, apdu + 24, &n, EVP_sha256(), NULL));
  apdu[56] = 0x00;
  return 57;
}

static void test_logon(void **state) {
  (void)state;
  mdf_sim_t *sim;
  mdf_trace_t t, committed;
  mdf_trace_recorder_t rec;
  mdf_diag_t d;
  char buf[512];
  assert_int_equal(mdf_sim_new(&sim), MDF_OK);
  mdf_card_t c = mdf_sim_card(sim);
  assert_int_equal(mdf_reader_insert(&c), MDF_OK);
  mdf_trace_init(&t);
  assert_int_equal(mdf_trace_recorder_start(&rec, &t), MDF_OK);
  SCARDHANDLE h = mdf_reader_card_handle();
  assert_int_equal((DWORD)SCardBeginTransaction(h), SCARD_S_SUCCESS);
  for (size_t i = 0; i < sizeof(logon) / sizeof(logon[0]); i++) {
    uint8_t apdu[300], rsp[512];
    size_t n = logon[i].apdu ? tr_unhex(logon[i].apdu, apdu, sizeof(apdu)) : sign_apdu(apdu);
    DWORD rlen = sizeof(rsp);
    mdf_trace_recorder_label(&rec, logon[i].label);
    assert_int_equal((DWORD)SCardTransmit(h, SCARD_PCI_T1, apdu, (DWORD)n, NULL, rsp, &rlen),
                     SCARD_S_SUCCESS);
    if (rsp[rlen - 2] != 0x90 || rsp[rlen - 1] != 0x00)
      fail_msg("%s: SW %02X%02X", logon[i].label, rsp[rlen - 2], rsp[rlen - 1]);
  }
  assert_int_equal((DWORD)SCardEndTransaction(h, SCARD_LEAVE_CARD), SCARD_S_SUCCESS);
  assert_int_equal(mdf_trace_recorder_stop(&rec), MDF_OK);
  assert_int_equal(t.n_items, sizeof(logon) / sizeof(logon[0]));
  assert_string_equal(t.items[0].label, "select MF");

  if (write_path) {
    FILE *f = fopen(write_path, "w");
    assert_non_null(f);
    fprintf(f, "# A logon session against the mdfuzz simulated card (docs/simcard.md):\n"
               "# select MF, read cardid and cardcf, read the mscp name directory and\n"
               "# cmapfile, verify the user PIN, sign with the RSA key.\n"
               "# Recorded by tests/test-reader-record.c (--write); do not edit by hand.\n");
    assert_int_equal(mdf_trace_write(f, &t), MDF_OK);
    fclose(f);
  }
  mdf_err_t err = mdf_trace_load(MDF_SOURCE_DIR "/corpus/traces/sim-logon.trace", &committed, &d);
  if (err)
    fail_msg("%s", mdf_diag_format(&d, buf, sizeof(buf)));
  if (!mdf_trace_equal(&t, &committed))
    fail_msg("corpus/traces/sim-logon.trace is out of date: rerun with --write");
  mdf_trace_clear(&committed);
  mdf_trace_clear(&t);
  mdf_reader_eject();
  mdf_sim_free(sim);
}

/* Reset and removal reach the trace as events, the reset with the new ATR. */
static void test_events(void **state) {
  (void)state;
  mdf_sim_t *sim;
  mdf_trace_t t;
  mdf_trace_recorder_t rec;
  static const uint8_t script[] = {MDF_FZ_PASS, MDF_FZ_RESET, MDF_FZ_PASS, MDF_FZ_REMOVED};
  assert_int_equal(mdf_sim_new(&sim), MDF_OK);
  mdf_card_t inner = mdf_sim_card(sim);
  mdf_fuzzcard_t fc;
  mdf_fuzzcard_init(&fc, &inner, script, sizeof(script));
  mdf_card_t c = mdf_fuzzcard_card(&fc);
  assert_int_equal(mdf_reader_insert(&c), MDF_OK);
  mdf_trace_init(&t);
  assert_int_equal(mdf_trace_recorder_start(&rec, &t), MDF_OK);
  SCARDHANDLE h = mdf_reader_card_handle();
  uint8_t rsp[64];
  DWORD n = sizeof(rsp);
  static const uint8_t sel[] = {0x00, 0xA4, 0x00, 0x0C, 0x02, 0x3F, 0x00};
  assert_int_equal((DWORD)SCardTransmit(h, SCARD_PCI_T1, sel, sizeof(sel), NULL, rsp, &n),
                   SCARD_S_SUCCESS);
  n = sizeof(rsp);
  assert_int_equal((DWORD)SCardTransmit(h, SCARD_PCI_T1, sel, sizeof(sel), NULL, rsp, &n),
                   SCARD_W_RESET_CARD);
  assert_int_equal(
      (DWORD)SCardReconnect(h, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1, SCARD_LEAVE_CARD, NULL),
      SCARD_S_SUCCESS);
  n = sizeof(rsp);
  assert_int_equal((DWORD)SCardTransmit(h, SCARD_PCI_T1, sel, sizeof(sel), NULL, rsp, &n),
                   SCARD_S_SUCCESS);
  n = sizeof(rsp);
  assert_int_equal((DWORD)SCardTransmit(h, SCARD_PCI_T1, sel, sizeof(sel), NULL, rsp, &n),
                   SCARD_W_REMOVED_CARD);
  assert_int_equal(mdf_trace_recorder_stop(&rec), MDF_OK);
  assert_int_equal(t.n_items, 4);
  assert_int_equal(t.items[1].kind, MDF_TRACE_RESET);
  assert_int_equal(t.items[1].atr_len, MDF_SIM_ATR_LEN);
  assert_memory_equal(mdf_trace_event_atr(&t, &t.items[1]), mdf_sim_atr, MDF_SIM_ATR_LEN);
  assert_int_equal(t.items[3].kind, MDF_TRACE_REMOVED);
  mdf_trace_clear(&t);
  mdf_reader_eject();
  mdf_sim_free(sim);
}

int main(int argc, char **argv) {
  if (argc == 3 && !strcmp(argv[1], "--write"))
    write_path = argv[2];
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_logon), cmocka_unit_test(test_events)};
  return cmocka_run_group_tests_name("reader-record", tests, NULL, NULL);
}
