/* Simulated card: ATR, APDU rules and the file system (docs/simcard.md). */
#include "test-reader-sim.h"

static void verify_user(void) {
  SW(0x9000, "00 20 00 81 04 31 32 33 34");
}

static void test_atr(void **state) {
  (void)state;
  uint8_t atr[MDF_ATR_MAX], tck = 0;
  size_t n = sizeof(atr);
  assert_int_equal(card.ops->power_on(card.ctx, atr, &n), MDF_OK);
  assert_int_equal(n, 17);
  assert_memory_equal(atr, "\x3B\x8C\x80\x01MDFUZZ-SIM01", 16);
  for (size_t i = 1; i < n; i++)
    tck ^= atr[i];
  assert_int_equal(tck, 0); /* TCK makes the XOR of T0..TCK zero */
  n = 4;
  assert_int_equal(card.ops->power_on(card.ctx, atr, &n), MDF_ESPACE);
}

/* APDU rules: class, instruction, P1/P2 and length errors. */
static void test_apdu_rules(void **state) {
  (void)state;
  static const struct {
    const char *apdu;
    unsigned sw;
  } cases[] = {
      {"10 A4 00 00 02 3F 00", 0x6E00},       /* unknown CLA */
      {"80 A4 00 00 02 3F 00", 0x6D00},       /* proprietary class knows only CA */
      {"00 12 00 00", 0x6D00},                /* unknown INS */
      {"00 CA 01 01 04", 0x6D00},             /* GET DATA only with CLA 80 */
      {"00 A4 00 00 05 3F 00", 0x6700},       /* Lc says 5, 2 bytes follow */
      {"00 A4 00", 0x6700},                   /* shorter than a header */
      {"00 A4 00 00 00 00", 0x6700},          /* extended with Lc=0 and nothing else */
      {"00 A4 05 00 02 3F 00", 0x6A86},       /* bad P1 */
      {"00 A4 00 01 02 3F 00", 0x6A86},       /* bad P2 */
      {"00 A4 00 0C 03 3F 00 00 00", 0x6700}, /* FID must be 2 bytes */
      {"00 A4 08 0C 03 50 00 50", 0x6700},    /* odd path */
      {"00 A4 00 0C 02 12 34", 0x6A82},       /* not found */
      {"00 A4 04 0C 04 6E 6F 6E 65", 0x6A82},
      {"00 A4 08 0C 04 10 01 50 01", 0x6A82}, /* path through an EF */
      {"00 C0 00 00 00", 0x6985},             /* GET RESPONSE with nothing pending */
      {"00 B0 00 00 00", 0x6986},             /* READ BINARY with no EF selected */
      {"80 CA 01 03 04", 0x6A86},
      {"80 CA 01 01 02", 0x6C04},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    uint8_t apdu[64];
    size_t n = tr_unhex(cases[i].apdu, apdu, sizeof(apdu));
    unsigned sw = tr_send(&card, apdu, n, &r);
    if (sw != cases[i].sw)
      fail_msg("case %zu (%s): SW %04X, expected %04X", i, cases[i].apdu, sw, cases[i].sw);
    assert_int_equal(r.len, 0);
  }
}

static void test_select_fcp(void **state) {
  (void)state;
  SW(0x9000, "00 A4 00 00 02 3F 00");
  assert_int_equal(r.len, 2 + 3 + 4 + 4);
  assert_memory_equal(r.data, "\x62\x0B\x82\x01\x38\x83\x02\x3F\x00\x86\x02\x00\x01", 13);
  SW(0x9000, "00 A4 00 04 02 10 01 00");
  assert_memory_equal(r.data,
                      "\x62\x0F\x82\x01\x01\x83\x02\x10\x01\x80\x02\x00\x10\x86\x02\x00\x02", 17);
  SW(0x9000, "00 A4 00 0C 02 10 02");
  assert_int_equal(r.len, 0);
  /* By DF name, then a child, then the parent back by FID. */
  SW(0x9000, "00 A4 04 00 04 6D 73 63 70");
  assert_memory_equal(r.data + 2, "\x82\x01\x38\x83\x02\x50\x00\x84\x04mscp", 11);
  SW(0x9000, "00 A4 00 0C 02 50 01");
  SW(0x6A82, "00 A4 00 0C 02 10 01"); /* cardid is not a child of mscp */
  SW(0x9000, "00 A4 00 0C 02 50 00"); /* the current DF itself */
  SW(0x9000, "00 A4 00 0C 02 3F 00");
  /* Path from the MF. */
  SW(0x9000, "00 A4 08 04 04 50 00 50 01");
  assert_memory_equal(r.data + 9, "\x80\x02\x00\xAC", 4); /* 2 container records of 86 bytes */
}

static void test_read_binary(void **state) {
  (void)state;
  SW(0x9000, "00 A4 00 0C 02 10 01");
  SW(0x9000, "00 B0 00 00 00");
  assert_int_equal(r.len, 16);
  uint8_t guid[16];
  memcpy(guid, r.data, 16);
  SW(0x9000, "00 B0 00 00 10");
  assert_memory_equal(r.data, guid, 16);
  SW(0x6C10, "00 B0 00 00 20");
  SW(0x6C02, "00 B0 00 0E 05");
  SW(0x9000, "00 B0 00 0E 02");
  assert_memory_equal(r.data, guid + 14, 2);
  SW(0x6B00, "00 B0 00 10 01");
  SW(0x6B00, "00 B0 80 00 00");
  SW(0x6700, "00 B0 00 00 01 00");
  /* cardapps content; then the whole certificate with an extended Le. */
  SW(0x9000, "00 A4 00 0C 02 10 03");
  SW(0x9000, "00 B0 00 00 08");
  assert_memory_equal(r.data, "mscp\0\0\0\0", 8);
  SW(0x9000, "00 A4 08 0C 04 50 00 50 02");
  SW(0x9000, "00 B0 00 00 00 00 00");
  assert_true(r.len > 256);
  assert_int_equal(r.data[0], 0x30); /* DER SEQUENCE */
  size_t cert = r.len;
  /* Short Le=00 stops at 256 bytes, the rest at the next offset. */
  SW(0x9000, "00 B0 00 00 00");
  assert_int_equal(r.len, 256);
  SW(0x9000, "00 B0 01 00 00");
  assert_int_equal(r.len, cert - 256 < 256 ? cert - 256 : 256);
}

static void test_name_dirs(void **state) {
  (void)state;
  SW(0x9000, "00 A4 00 0C 02 0D D0");
  SW(0x9000, "00 B0 00 00 30");
  assert_memory_equal(r.data, "cardid\0\0\x10\x01\x01\x03", 12);
  assert_memory_equal(r.data + 36, "mscp\0\0\0\0\x50\x00\x38\x01", 12);
  SW(0x9000, "00 A4 08 0C 04 50 00 0D D0");
  SW(0x9000, "00 B0 00 00 24");
  assert_memory_equal(r.data, "cmapfile\x50\x01\x01\x01", 12);
  assert_memory_equal(r.data + 12, "kxc00\0\0\0\x50\x02\x01\x01", 12);
  SW(0x9000, "00 A4 08 0C 04 50 00 50 01");
  SW(0x9000, "00 B0 00 00 00");
  assert_int_equal(r.len, 172);
  assert_int_equal(r.data[0], '{');
  assert_int_equal(r.data[1], 0);
  assert_int_equal(r.data[80], 0x03);                   /* valid | default */
  assert_int_equal(r.data[84] | r.data[85] << 8, 2048); /* key exchange bits */
  assert_int_equal(r.data[86 + 80], 0x01);
  assert_int_equal(r.data[86 + 82] | r.data[86 + 83] << 8, 256); /* signature bits */
}

static void test_update_binary(void **state) {
  (void)state;
  SW(0x9000, "00 A4 00 0C 02 10 02");
  SW(0x6982, "00 D6 00 00 02 01 02");
  verify_user();
  SW(0x9000, "00 D6 00 01 02 AA BB");
  SW(0x9000, "00 B0 00 00 06");
  assert_memory_equal(r.data, "\x00\xAA\xBB\x00\x00\x00", 6);
  SW(0x6700, "00 D6 00 05 02 01 02"); /* past the end: no growth */
  SW(0x6700, "00 D6 00 00");
  SW(0x9000, "00 A4 00 0C 02 10 01");
  SW(0x6982, "00 D6 00 00 01 00"); /* cardid needs the admin */
  SW(0x9000, "00 A4 00 0C 02 3F 00");
  SW(0x6986, "00 D6 00 00 01 00");
}

static unsigned free_bytes(void) {
  SW(0x9000, "80 CA 01 01 04");
  return (unsigned)(r.data[0] << 8 | r.data[1]);
}

static void test_create_delete(void **state) {
  (void)state;
  unsigned before = free_bytes();
  SW(0x9000, "00 A4 00 0C 02 50 00");
  SW(0x6982, "00 E0 00 00 11 62 0F 82 01 01 83 02 70 01 80 02 00 64 86 02 00 01");
  verify_user();
  SW(0x9000, "00 E0 00 00 11 62 0F 82 01 01 83 02 70 01 80 02 00 64 86 02 00 01");
  assert_int_equal(free_bytes(), before - 100);
  SW(0x9000, "00 D6 00 62 02 12 34"); /* the new EF is selected */
  SW(0x9000, "00 B0 00 60 04");
  assert_memory_equal(r.data, "\x00\x00\x12\x34", 4);
  SW(0x6A89, "00 E0 00 00 11 62 0F 82 01 01 83 02 70 01 80 02 00 64 86 02 00 01");
  SW(0x6A84, "00 E0 00 00 11 62 0F 82 01 01 83 02 70 02 80 02 10 01 86 02 00 01");
  SW(0x6A80, "00 E0 00 00 0D 62 0B 82 01 01 83 02 70 02 86 02 00 01"); /* EF without size */
  SW(0x6A80, "00 E0 00 00 11 62 0F 82 01 07 83 02 70 02 80 02 00 01 86 02 00 01");
  SW(0x6700, "00 E0 00 00 04 62 05 82 01");
  SW(0x6A86, "00 E0 01 00 11 62 0F 82 01 01 83 02 70 02 80 02 00 01 86 02 00 01");
  /* A DF inside mscp with an EF inside it: delete refuses the non-empty DF. */
  SW(0x9000, "00 E0 00 00 11 62 0F 82 01 38 83 02 60 00 84 02 64 31 86 02 00 00");
  SW(0x9000, "00 E0 00 00 11 62 0F 82 01 01 83 02 60 01 80 02 00 08 86 02 FF 00");
  SW(0x6982, "00 B0 00 00 00");       /* read condition FF: never */
  SW(0x9000, "00 A4 00 0C 02 50 00"); /* parent of the current DF */
  SW(0x6985, "00 E4 00 00 02 60 00");
  SW(0x9000, "00 A4 04 0C 02 64 31");
  SW(0x9000, "00 E4 00 00 02 60 01");
  SW(0x6A82, "00 E4 00 00 02 60 01");
  SW(0x9000, "00 A4 00 0C 02 50 00");
  SW(0x9000, "00 E4 00 00 02 60 00");
  SW(0x9000, "00 E4 00 00 02 70 01");
  assert_int_equal(free_bytes(), before);
  /* Contents of the files after the deleted ones survived the compaction. */
  SW(0x9000, "00 A4 00 0C 02 50 03");
  SW(0x9000, "00 B0 00 00 02");
  assert_int_equal(r.data[0], 0x30);
  SW(0x6700, "00 E4 00 00 01 70");
}

static void test_limits(void **state) {
  (void)state;
  verify_user();
  SW(0x9000, "00 A4 00 0C 02 50 00");
  unsigned sw = 0, i;
  for (i = 0; i < 80; i++) {
    sw = tr_apdu(&card, &r, "00 E0 00 00 11 62 0F 82 01 01 83 02 71 %02X 80 02 04 00 86 02 00 00",
                 i);
    if (sw != 0x9000)
      break;
  }
  assert_int_equal(sw, 0x6A84);
  assert_true(i > 10 && i < 64);
  assert_true(free_bytes() < 1024);
  mdf_sim_reset(sim);
  assert_true(free_bytes() > 20000);
}

static void test_reset_restores(void **state) {
  (void)state;
  verify_user();
  SW(0x9000, "00 A4 00 0C 02 10 02");
  SW(0x9000, "00 D6 00 00 02 01 02");
  SW(0x9000, "00 A4 00 0C 02 50 00");
  SW(0x9000, "00 E4 00 00 02 50 03");
  /* power on: files stay, verification goes */
  uint8_t atr[MDF_ATR_MAX];
  size_t n = sizeof(atr);
  assert_int_equal(card.ops->power_on(card.ctx, atr, &n), MDF_OK);
  SW(0x6A82, "00 A4 08 0C 04 50 00 50 03");
  SW(0x63C3, "00 20 00 81");
  mdf_sim_reset(sim);
  SW(0x9000, "00 A4 08 0C 04 50 00 50 03");
  SW(0x9000, "00 A4 08 0C 02 10 02");
  SW(0x9000, "00 B0 00 00 00");
  assert_memory_equal(r.data, "\0\0\0\0\0\0", 6);
}

/* The source ops: a sim made by mdf_sim_open, changed, reset through its
 * reset op (files back), released through its free op (LeakSanitizer
 * reports the card if free does not release it). */
static void test_reset_free_ops(void **state) {
  (void)state;
  mdf_card_t c;
  mdf_diag_t d;
  tr_resp_t rr;
  uint8_t atr[MDF_ATR_MAX];
  size_t n = sizeof(atr);
  assert_int_equal(mdf_sim_open(NULL, &c, &d), MDF_OK);
  assert_string_equal(c.ops->name, "sim");
  assert_int_equal(c.ops->power_on(c.ctx, atr, &n), MDF_OK);
  assert_int_equal(tr_apdu(&c, &rr, "00 20 00 81 04 31 32 33 34"), 0x9000);
  assert_int_equal(tr_apdu(&c, &rr, "00 A4 00 0C 02 50 00"), 0x9000);
  assert_int_equal(tr_apdu(&c, &rr, "00 E4 00 00 02 50 03"), 0x9000);
  assert_int_equal(tr_apdu(&c, &rr, "00 A4 08 0C 04 50 00 50 03"), 0x6A82);
  c.ops->reset(c.ctx);
  assert_int_equal(tr_apdu(&c, &rr, "00 A4 08 0C 04 50 00 50 03"), 0x9000);
  c.ops->free(c.ctx);
}

static void test_get_data(void **state) {
  (void)state;
  SW(0x9000, "80 CA 01 02 08");
  assert_int_equal(r.len, 8);
  SW(0x9000, "80 CA 01 01 00");
  assert_int_equal(r.len, 4);
  assert_int_equal(r.data[2], 6); /* 8 slots, 2 personalised keys */
  assert_int_equal(r.data[3], 8);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(test_atr, setup),
      cmocka_unit_test_setup(test_apdu_rules, setup),
      cmocka_unit_test_setup(test_select_fcp, setup),
      cmocka_unit_test_setup(test_read_binary, setup),
      cmocka_unit_test_setup(test_name_dirs, setup),
      cmocka_unit_test_setup(test_update_binary, setup),
      cmocka_unit_test_setup(test_create_delete, setup),
      cmocka_unit_test_setup(test_limits, setup),
      cmocka_unit_test_setup(test_reset_restores, setup),
      cmocka_unit_test_setup(test_get_data, setup),
      cmocka_unit_test(test_reset_free_ops),
  };
  return cmocka_run_group_tests_name("reader-sim-fs", tests, NULL, teardown_all);
}
