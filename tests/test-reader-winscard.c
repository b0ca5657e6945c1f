/* Windows-ABI SCard* over the mock reader: handles, parameters, buffers,
 * events, transactions, status, attributes, readers, autoallocate. */
#include <winscard.h>

#include "mdfuzz/reader/fuzzcard.h"
#include "mdfuzz/reader/reader.h"
#include "mdfuzz/reader/replay.h"
#include "mdfuzz/reader/sim.h"
#include "test-reader-util.h"

/* LONG results compared as DWORDs (codes are DWORD constants). */
#define SC(expect, call) assert_int_equal((DWORD)(call), (DWORD)(expect))

static mdf_sim_t *sim;
static mdf_card_t sim_card;
static SCARDHANDLE h;
static SCARDCONTEXT ctx;
static const uint8_t sel_mf[] = {0x00, 0xA4, 0x00, 0x0C, 0x02, 0x3F, 0x00};
static const uint8_t read_id[] = {0x00, 0xB0, 0x00, 0x00, 0x00};

static int setup(void **state) {
  (void)state;
  if (!sim && mdf_sim_new(&sim))
    return -1;
  mdf_sim_reset(sim);
  sim_card = mdf_sim_card(sim);
  h = mdf_reader_card_handle();
  ctx = mdf_reader_context_handle();
  return mdf_reader_insert(&sim_card);
}

static int teardown_all(void **state) {
  (void)state;
  mdf_reader_eject();
  mdf_sim_free(sim);
  return 0;
}

static LONG xmit(const uint8_t *apdu, DWORD n, uint8_t *rsp, DWORD *rlen) {
  return SCardTransmit(h, SCARD_PCI_T1, apdu, n, NULL, rsp, rlen);
}

static void test_context(void **state) {
  (void)state;
  SCARDCONTEXT c = 7;
  SC(SCARD_E_INVALID_PARAMETER, SCardEstablishContext(SCARD_SCOPE_USER, NULL, NULL, NULL));
  SC(SCARD_E_INVALID_VALUE, SCardEstablishContext(9, NULL, NULL, &c));
  assert_int_equal(c, 0);
  SC(SCARD_S_SUCCESS, SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &c));
  assert_int_equal(c, ctx);
  SC(SCARD_S_SUCCESS, SCardIsValidContext(c));
  SC(SCARD_E_INVALID_HANDLE, SCardIsValidContext(0));
  SC(SCARD_E_INVALID_HANDLE, SCardIsValidContext(0x1234));
  SC(SCARD_E_INVALID_HANDLE, SCardIsValidContext(h));
  SC(SCARD_E_INVALID_HANDLE, SCardReleaseContext(0));
  SC(SCARD_S_SUCCESS, SCardCancel(c));
  SC(SCARD_S_SUCCESS, SCardReleaseContext(c));
  SC(SCARD_S_SUCCESS, SCardIsValidContext(c)); /* process-wide context */
}

static void test_transmit_args(void **state) {
  (void)state;
  uint8_t rsp[300];
  DWORD n = sizeof(rsp);
  SCARD_IO_REQUEST bad_proto = {SCARD_PROTOCOL_T0 | 8, sizeof(SCARD_IO_REQUEST)},
                   small = {SCARD_PROTOCOL_T1, 4}, recv = {0, 0};
  SC(SCARD_E_INVALID_HANDLE, SCardTransmit(0, SCARD_PCI_T1, sel_mf, 7, NULL, rsp, &n));
  SC(SCARD_E_INVALID_HANDLE, SCardTransmit(0xDEADBEEF, SCARD_PCI_T1, sel_mf, 7, NULL, rsp, &n));
  SC(SCARD_E_INVALID_HANDLE, SCardTransmit(ctx, SCARD_PCI_T1, sel_mf, 7, NULL, rsp, &n));
  SC(SCARD_E_INVALID_PARAMETER, SCardTransmit(h, NULL, sel_mf, 7, NULL, rsp, &n));
  SC(SCARD_E_INVALID_PARAMETER, SCardTransmit(h, SCARD_PCI_T1, NULL, 7, NULL, rsp, &n));
  SC(SCARD_E_INVALID_PARAMETER, SCardTransmit(h, SCARD_PCI_T1, sel_mf, 7, NULL, NULL, &n));
  SC(SCARD_E_INVALID_PARAMETER, SCardTransmit(h, SCARD_PCI_T1, sel_mf, 7, NULL, rsp, NULL));
  SC(SCARD_E_INVALID_PARAMETER, SCardTransmit(h, &bad_proto, sel_mf, 7, NULL, rsp, &n));
  SC(SCARD_E_INVALID_PARAMETER, SCardTransmit(h, &small, sel_mf, 7, NULL, rsp, &n));
  n = sizeof(rsp);
  SC(SCARD_E_INVALID_PARAMETER, SCardTransmit(h, SCARD_PCI_T1, sel_mf, 3, NULL, rsp, &n));
  assert_int_equal(mdf_reader_stats()->transmits, 0); /* none reached the card */
  n = sizeof(rsp);
  SC(SCARD_S_SUCCESS, SCardTransmit(h, SCARD_PCI_T0, sel_mf, 7, &recv, rsp, &n));
  assert_int_equal(n, 2);
  assert_int_equal(recv.dwProtocol, SCARD_PROTOCOL_T1);
  assert_int_equal(recv.cbPciLength, sizeof(SCARD_IO_REQUEST));
  n = sizeof(rsp);
  SC(SCARD_S_SUCCESS, SCardTransmit(h, SCARD_PCI_RAW, sel_mf, 7, NULL, rsp, &n));
  /* Response too big for the buffer: needed size reported. */
  static const uint8_t sel_id[] = {0x00, 0xA4, 0x00, 0x0C, 0x02, 0x10, 0x01};
  n = sizeof(rsp);
  SC(SCARD_S_SUCCESS, xmit(sel_id, sizeof(sel_id), rsp, &n));
  n = 10;
  SC(SCARD_E_INSUFFICIENT_BUFFER, xmit(read_id, sizeof(read_id), rsp, &n));
  assert_int_equal(n, 18);
  n = 18;
  SC(SCARD_S_SUCCESS, xmit(read_id, sizeof(read_id), rsp, &n));
  assert_int_equal(n, 18);
  DWORD count = 0;
  SC(SCARD_S_SUCCESS, SCardGetTransmitCount(h, &count));
  assert_int_equal(count, 5);
  SC(SCARD_E_INVALID_PARAMETER, SCardGetTransmitCount(h, NULL));
  SC(SCARD_E_INVALID_HANDLE, SCardGetTransmitCount(0, &count));
}

static void test_events(void **state) {
  (void)state;
  static const uint8_t script[] = {MDF_FZ_RESET, MDF_FZ_PASS, MDF_FZ_REMOVED};
  mdf_fuzzcard_t fc;
  uint8_t rsp[64];
  DWORD n = sizeof(rsp), st, proto;
  mdf_fuzzcard_init(&fc, &sim_card, script, sizeof(script));
  mdf_card_t c = mdf_fuzzcard_card(&fc);
  assert_int_equal(mdf_reader_insert(&c), MDF_OK);
  SC(SCARD_W_RESET_CARD, xmit(sel_mf, 7, rsp, &n));
  assert_int_equal(n, 0);
  assert_int_equal(mdf_reader_stats()->last_error, MDF_ERESET);
  n = sizeof(rsp);
  SC(SCARD_W_RESET_CARD, xmit(sel_mf, 7, rsp, &n)); /* until reconnect */
  SC(SCARD_W_RESET_CARD, SCardBeginTransaction(h));
  SC(SCARD_W_RESET_CARD, SCardStatusA(h, NULL, NULL, &st, &proto, NULL, NULL));
  SC(SCARD_E_PROTO_MISMATCH,
     SCardReconnect(h, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0, SCARD_LEAVE_CARD, &proto));
  SC(SCARD_E_INVALID_VALUE,
     SCardReconnect(h, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1, SCARD_EJECT_CARD, &proto));
  SC(SCARD_S_SUCCESS,
     SCardReconnect(h, SCARD_SHARE_SHARED, SCARD_PROTOCOL_Tx, SCARD_RESET_CARD, &proto));
  assert_int_equal(proto, SCARD_PROTOCOL_T1);
  n = sizeof(rsp);
  SC(SCARD_S_SUCCESS, xmit(sel_mf, 7, rsp, &n));
  n = sizeof(rsp);
  SC(SCARD_W_REMOVED_CARD, xmit(sel_mf, 7, rsp, &n));
  n = sizeof(rsp);
  SC(SCARD_W_REMOVED_CARD, xmit(sel_mf, 7, rsp, &n)); /* sticky */
  SC(SCARD_W_REMOVED_CARD, SCardBeginTransaction(h));
  SC(SCARD_W_REMOVED_CARD,
     SCardReconnect(h, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1, SCARD_RESET_CARD, NULL));
  assert_null(mdf_reader_atr(NULL));
  /* Re-insert clears everything; eject leaves no card. */
  assert_int_equal(mdf_reader_insert(&sim_card), MDF_OK);
  n = sizeof(rsp);
  SC(SCARD_S_SUCCESS, xmit(sel_mf, 7, rsp, &n));
  assert_int_equal(mdf_reader_stats()->last_error, MDF_OK);
  mdf_reader_eject();
  n = sizeof(rsp);
  SC(SCARD_E_NO_SMARTCARD, xmit(sel_mf, 7, rsp, &n));
  SC(SCARD_E_NO_SMARTCARD, SCardBeginTransaction(h));
}

static void test_divergence(void **state) {
  (void)state;
  static const char text[] = "mdfuzz-trace 1\natr 3B 00\n> 00 A4 00 0C 02 3F 01\n< 90 00\n";
  mdf_trace_t t;
  mdf_replay_t *r;
  uint8_t rsp[64];
  DWORD n = sizeof(rsp);
  assert_int_equal(mdf_trace_parse(text, sizeof(text) - 1, "x", &t, NULL), MDF_OK);
  assert_int_equal(mdf_replay_new(&r, &t, MDF_REPLAY_STRICT), MDF_OK);
  mdf_card_t c = mdf_replay_card(r);
  assert_int_equal(mdf_reader_insert(&c), MDF_OK);
  SC(SCARD_F_COMM_ERROR, xmit(sel_mf, 7, rsp, &n));
  assert_int_equal(mdf_reader_stats()->last_error, MDF_EDIVERGE);
  assert_non_null(mdf_replay_divergence(r));
  mdf_reader_eject();
  mdf_replay_free(r);
  mdf_trace_clear(&t);
}

static void test_transactions(void **state) {
  (void)state;
  SC(SCARD_E_NOT_TRANSACTED, SCardEndTransaction(h, SCARD_LEAVE_CARD));
  SC(SCARD_E_INVALID_HANDLE, SCardBeginTransaction(0));
  SC(SCARD_S_SUCCESS, SCardBeginTransaction(h));
  SC(SCARD_S_SUCCESS, SCardBeginTransaction(h));
  assert_int_equal(mdf_reader_stats()->depth, 2);
  assert_int_equal(mdf_reader_stats()->transactions, 2);
  SC(SCARD_E_INVALID_VALUE, SCardEndTransaction(h, 9));
  SC(SCARD_S_SUCCESS, SCardEndTransaction(h, SCARD_LEAVE_CARD));
  SC(SCARD_S_SUCCESS, SCardEndTransaction(h, SCARD_RESET_CARD));
  assert_int_equal(mdf_reader_stats()->depth, 0);
  SC(SCARD_E_NOT_TRANSACTED, SCardEndTransaction(h, SCARD_LEAVE_CARD));
  /* Disconnect invalidates the handle; connect gives it back. */
  SC(SCARD_S_SUCCESS, SCardDisconnect(h, SCARD_LEAVE_CARD));
  SC(SCARD_E_INVALID_HANDLE, SCardBeginTransaction(h));
  SC(SCARD_E_INVALID_HANDLE, SCardDisconnect(h, SCARD_LEAVE_CARD));
  SCARDHANDLE h2 = 1;
  DWORD proto;
  SC(SCARD_E_UNKNOWN_READER,
     SCardConnectA(ctx, "other", SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1, &h2, &proto));
  assert_int_equal(h2, 0);
  SC(SCARD_E_INVALID_PARAMETER,
     SCardConnectA(ctx, NULL, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1, &h2, &proto));
  SC(SCARD_E_INVALID_HANDLE,
     SCardConnectA(0, MDF_READER_NAME, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1, &h2, &proto));
  SC(SCARD_E_PROTO_MISMATCH,
     SCardConnectA(ctx, MDF_READER_NAME, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0, &h2, &proto));
  SC(SCARD_E_INVALID_VALUE, SCardConnectA(ctx, MDF_READER_NAME, 7, SCARD_PROTOCOL_T1, &h2, &proto));
  WCHAR wname[64];
  for (size_t i = 0; i <= strlen(MDF_READER_NAME); i++)
    wname[i] = (WCHAR)MDF_READER_NAME[i];
  SC(SCARD_S_SUCCESS,
     SCardConnectW(ctx, wname, SCARD_SHARE_SHARED, SCARD_PROTOCOL_Tx, &h2, &proto));
  assert_int_equal(h2, h);
  assert_int_equal(proto, SCARD_PROTOCOL_T1);
  SC(SCARD_S_SUCCESS, SCardBeginTransaction(h));
  SC(SCARD_S_SUCCESS, SCardEndTransaction(h, SCARD_LEAVE_CARD));
}

static void test_status(void **state) {
  (void)state;
  char names[64];
  uint8_t atr[40];
  DWORD nlen = sizeof(names), alen = sizeof(atr), st = 0, proto = 0;
  SC(SCARD_S_SUCCESS, SCardStatusA(h, names, &nlen, &st, &proto, atr, &alen));
  assert_int_equal(nlen, strlen(MDF_READER_NAME) + 2);
  assert_memory_equal(names, MDF_READER_NAME "\0", nlen); /* double NUL */
  assert_int_equal(st, SCARD_SPECIFIC);
  assert_int_equal(proto, SCARD_PROTOCOL_T1);
  assert_int_equal(alen, MDF_SIM_ATR_LEN);
  assert_memory_equal(atr, mdf_sim_atr, alen);
  /* lengths only, then too small */
  nlen = alen = 0;
  SC(SCARD_S_SUCCESS, SCardStatusA(h, NULL, &nlen, NULL, NULL, NULL, &alen));
  assert_int_equal(nlen, strlen(MDF_READER_NAME) + 2);
  assert_int_equal(alen, MDF_SIM_ATR_LEN);
  alen = 3;
  SC(SCARD_E_INSUFFICIENT_BUFFER, SCardStatusA(h, NULL, NULL, NULL, NULL, atr, &alen));
  assert_int_equal(alen, MDF_SIM_ATR_LEN);
  SC(SCARD_E_INVALID_PARAMETER, SCardStatusA(h, names, NULL, NULL, NULL, NULL, NULL));
  SC(SCARD_E_INVALID_HANDLE, SCardStatusA(0, NULL, NULL, NULL, NULL, NULL, NULL));
  /* autoallocate, wide */
  WCHAR *wn = NULL;
  uint8_t *pa = NULL;
  nlen = alen = SCARD_AUTOALLOCATE;
  SC(SCARD_S_SUCCESS, SCardStatusW(h, (LPWSTR)&wn, &nlen, NULL, NULL, (LPBYTE)&pa, &alen));
  assert_int_equal(mdf_reader_live_allocations(), 2);
  assert_int_equal(nlen, strlen(MDF_READER_NAME) + 2);
  assert_int_equal(wn[0], 'm');
  assert_int_equal(wn[nlen - 2], 0);
  assert_int_equal(wn[nlen - 1], 0);
  assert_memory_equal(pa, mdf_sim_atr, alen);
  SC(SCARD_E_INVALID_PARAMETER, SCardFreeMemory(ctx, names));
  SC(SCARD_E_INVALID_HANDLE, SCardFreeMemory(0, wn));
  SC(SCARD_S_SUCCESS, SCardFreeMemory(ctx, wn));
  SC(SCARD_S_SUCCESS, SCardFreeMemory(ctx, pa));
  SC(SCARD_E_INVALID_PARAMETER, SCardFreeMemory(ctx, pa)); /* twice */
  SC(SCARD_S_SUCCESS, SCardFreeMemory(ctx, NULL));
  assert_int_equal(mdf_reader_live_allocations(), 0);
}

static void test_attrib_control(void **state) {
  (void)state;
  uint8_t buf[128];
  DWORD n = sizeof(buf), got = 9;
  SC(SCARD_S_SUCCESS, SCardGetAttrib(h, SCARD_ATTR_ATR_STRING, buf, &n));
  assert_int_equal(n, MDF_SIM_ATR_LEN);
  n = sizeof(buf);
  SC(SCARD_S_SUCCESS, SCardGetAttrib(h, SCARD_ATTR_CURRENT_PROTOCOL_TYPE, buf, &n));
  assert_int_equal(n, 4);
  assert_memory_equal(buf, "\x02\x00\x00\x00", 4);
  n = sizeof(buf);
  SC(SCARD_S_SUCCESS, SCardGetAttrib(h, SCARD_ATTR_MAXINPUT, buf, &n));
  assert_int_equal(buf[0] | buf[1] << 8 | buf[2] << 16, MDF_APDU_MAX);
  n = sizeof(buf);
  SC(SCARD_S_SUCCESS, SCardGetAttrib(h, SCARD_ATTR_VENDOR_NAME, buf, &n));
  assert_string_equal((char *)buf, "mdfuzz");
  n = sizeof(buf);
  SC(SCARD_S_SUCCESS, SCardGetAttrib(h, SCARD_ATTR_DEVICE_FRIENDLY_NAME_A, buf, &n));
  assert_string_equal((char *)buf, MDF_READER_NAME);
  n = sizeof(buf);
  SC(SCARD_S_SUCCESS, SCardGetAttrib(h, SCARD_ATTR_DEVICE_SYSTEM_NAME_W, buf, &n));
  assert_int_equal(n, 2 * (strlen(MDF_READER_NAME) + 1));
  assert_memory_equal(buf, "m\0d\0f\0", 6);
  n = 2;
  SC(SCARD_E_INSUFFICIENT_BUFFER, SCardGetAttrib(h, SCARD_ATTR_VENDOR_NAME, buf, &n));
  assert_int_equal(n, 7);
  n = sizeof(buf);
  SC(SCARD_E_UNSUPPORTED_FEATURE, SCardGetAttrib(h, SCARD_ATTR_CHANNEL_ID, buf, &n));
  SC(SCARD_E_INVALID_PARAMETER, SCardGetAttrib(h, SCARD_ATTR_VENDOR_NAME, buf, NULL));
  uint8_t *p = NULL;
  n = SCARD_AUTOALLOCATE;
  SC(SCARD_S_SUCCESS, SCardGetAttrib(h, SCARD_ATTR_ATR_STRING, (LPBYTE)&p, &n));
  assert_memory_equal(p, mdf_sim_atr, n);
  SC(SCARD_S_SUCCESS, SCardFreeMemory(ctx, p));
  SC(SCARD_E_UNSUPPORTED_FEATURE, SCardSetAttrib(h, SCARD_ATTR_VENDOR_NAME, buf, 1));
  SC(SCARD_S_SUCCESS,
     SCardControl(h, CM_IOCTL_GET_FEATURE_REQUEST, NULL, 0, buf, sizeof(buf), &got));
  assert_int_equal(got, 0);
  SC(SCARD_E_UNSUPPORTED_FEATURE,
     SCardControl(h, SCARD_CTL_CODE(3500), NULL, 0, buf, sizeof(buf), &got));
  SC(SCARD_E_INVALID_PARAMETER,
     SCardControl(h, CM_IOCTL_GET_FEATURE_REQUEST, NULL, 0, buf, 4, NULL));
}

static void test_readers(void **state) {
  (void)state;
  char buf[64];
  DWORD n = 0;
  SC(SCARD_S_SUCCESS, SCardListReadersA(0, NULL, NULL, &n));
  assert_int_equal(n, strlen(MDF_READER_NAME) + 2);
  n = 4;
  SC(SCARD_E_INSUFFICIENT_BUFFER, SCardListReadersA(ctx, NULL, buf, &n));
  n = sizeof(buf);
  SC(SCARD_S_SUCCESS, SCardListReadersA(ctx, NULL, buf, &n));
  assert_string_equal(buf, MDF_READER_NAME);
  SC(SCARD_E_INVALID_HANDLE, SCardListReadersA(0x77, NULL, buf, &n));
  WCHAR *w = NULL;
  n = SCARD_AUTOALLOCATE;
  SC(SCARD_S_SUCCESS, SCardListReadersW(ctx, NULL, (LPWSTR)&w, &n));
  assert_int_equal(w[0], 'm');
  SC(SCARD_S_SUCCESS, SCardFreeMemory(ctx, w));

  SCARD_READERSTATEA rs[2] = {{.szReader = MDF_READER_NAME, .dwCurrentState = SCARD_STATE_UNAWARE},
                              {.szReader = "\\\\?PnP?\\Notification", .dwCurrentState = 0}};
  SC(SCARD_S_SUCCESS, SCardGetStatusChangeA(ctx, 0, rs, 2));
  assert_int_equal(rs[0].dwEventState, SCARD_STATE_PRESENT | SCARD_STATE_CHANGED);
  assert_int_equal(rs[0].cbAtr, MDF_SIM_ATR_LEN);
  assert_memory_equal(rs[0].rgbAtr, mdf_sim_atr, MDF_SIM_ATR_LEN);
  rs[0].dwCurrentState = rs[0].dwEventState;
  SC(SCARD_E_TIMEOUT, SCardGetStatusChangeA(ctx, 1000, rs, 2)); /* never waits */
  mdf_reader_eject();
  SC(SCARD_S_SUCCESS, SCardGetStatusChangeA(ctx, 1000, rs, 1));
  assert_int_equal(rs[0].dwEventState, SCARD_STATE_EMPTY | SCARD_STATE_CHANGED);
  rs[0].szReader = "nope";
  SC(SCARD_E_UNKNOWN_READER, SCardGetStatusChangeA(ctx, 0, rs, 1));
  SC(SCARD_E_INVALID_PARAMETER, SCardGetStatusChangeA(ctx, 0, NULL, 1));
  SC(SCARD_E_INVALID_HANDLE, SCardGetStatusChangeA(0, 0, rs, 1));
  SCARD_READERSTATEW ws = {.dwCurrentState = SCARD_STATE_UNAWARE};
  WCHAR wname[64];
  for (size_t i = 0; i <= strlen(MDF_READER_NAME); i++)
    wname[i] = (WCHAR)MDF_READER_NAME[i];
  ws.szReader = wname;
  assert_int_equal(mdf_reader_insert(&sim_card), MDF_OK);
  SC(SCARD_S_SUCCESS, SCardGetStatusChangeW(ctx, 0, &ws, 1));
  assert_int_equal(ws.dwEventState, SCARD_STATE_PRESENT | SCARD_STATE_CHANGED);
}

static int observed;
static void observer(void *arg, const uint8_t *c, size_t clen, const uint8_t *r, size_t rlen,
                     mdf_err_t rc) {
  (void)c, (void)r;
  assert_ptr_equal(arg, &observed);
  assert_int_equal(clen, 7);
  assert_int_equal(rlen, 2);
  assert_int_equal(rc, MDF_OK);
  observed++;
}

static void test_observer(void **state) {
  (void)state;
  uint8_t rsp[8];
  DWORD n = sizeof(rsp);
  mdf_reader_set_observer(observer, &observed);
  SC(SCARD_S_SUCCESS, xmit(sel_mf, 7, rsp, &n));
  mdf_reader_set_observer(NULL, NULL);
  n = sizeof(rsp);
  SC(SCARD_S_SUCCESS, xmit(sel_mf, 7, rsp, &n));
  assert_int_equal(observed, 1);
  assert_int_equal(mdf_reader_insert(NULL), MDF_EINVAL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(test_context, setup),
      cmocka_unit_test_setup(test_transmit_args, setup),
      cmocka_unit_test_setup(test_events, setup),
      cmocka_unit_test_setup(test_divergence, setup),
      cmocka_unit_test_setup(test_transactions, setup),
      cmocka_unit_test_setup(test_status, setup),
      cmocka_unit_test_setup(test_attrib_control, setup),
      cmocka_unit_test_setup(test_readers, setup),
      cmocka_unit_test_setup(test_observer, setup),
  };
  /* Before any insert the card handle is not valid. */
  if ((DWORD)SCardBeginTransaction(mdf_reader_card_handle()) != SCARD_E_INVALID_HANDLE)
    return 1;
  return cmocka_run_group_tests_name("reader-winscard", tests, NULL, teardown_all);
}
