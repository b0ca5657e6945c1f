/* Simulated card: PINs, retry counters, unblock, change, challenge and
 * EXTERNAL AUTHENTICATE (3DES computed here with OpenSSL). */
#include <openssl/evp.h>

#include "test-reader-sim.h"
#define USER_OK "00 20 00 81 04 31 32 33 34"
#define USER_BAD "00 20 00 81 04 30 30 30 30"
#define ADMIN_OK "00 20 00 82 08 31 32 33 34 35 36 37 38"

static void test_verify_counter(void **state) {
  (void)state;
  SW(0x63C3, "00 20 00 81");
  SW(0x63C2, USER_BAD);
  SW(0x63C1, "00 20 00 81 05 31 32 33 34 35"); /* wrong length counts too */
  SW(0x9000, USER_OK);                         /* success restores the counter */
  SW(0x9000, "00 20 00 81");
  SW(0x9000, "00 20 FF 81");
  SW(0x63C3, "00 20 00 81");
  SW(0x63C2, USER_BAD);
  SW(0x63C1, USER_BAD);
  SW(0x63C0, USER_BAD);
  SW(0x6983, USER_OK);
  SW(0x6983, "00 20 00 81");
  SW(0x6A88, "00 20 00 83 04 31 32 33 34");
  SW(0x6A86, "00 20 01 81 04 31 32 33 34");
  SW(0x6700, "00 20 00 81 11 31 31 31 31 31 31 31 31 31 31 31 31 31 31 31 31 31");
  /* Counters are part of the state reset restores. */
  mdf_sim_reset(sim);
  SW(0x9000, USER_OK);
}

static void test_admin_pin(void **state) {
  (void)state;
  SW(0x63C5, "00 20 00 82");
  for (int left = 4; left >= 0; left--)
    SW(0x63C0 | (unsigned)left, "00 20 00 82 08 30 30 30 30 30 30 30 30");
  SW(0x6983, ADMIN_OK);
  mdf_sim_reset(sim);
  SW(0x9000, ADMIN_OK);
  SW(0x9000, "00 A4 00 0C 02 10 01"); /* cardid: admin may write */
  SW(0x9000, "00 D6 00 00 01 FF");
}

static void test_unblock(void **state) {
  (void)state;
  for (int i = 0; i < 3; i++)
    tr_apdu(&card, &r, USER_BAD);
  SW(0x6983, USER_OK);
  SW(0x6982, "00 2C 03 81");                                        /* needs admin verified */
  SW(0x63C4, "00 2C 00 81 0C 30 30 30 30 30 30 30 30 35 36 37 38"); /* wrong admin PIN */
  SW(0x6700, "00 2C 00 81 0A 31 32 33 34 35 36 37 38 35 36");       /* new PIN too short */
  SW(0x9000, "00 2C 00 81 0C 31 32 33 34 35 36 37 38 35 36 37 38");
  SW(0x63C3, "00 20 00 81");
  SW(0x63C2, USER_OK); /* the old PIN is gone */
  SW(0x9000, "00 20 00 81 04 35 36 37 38");
  /* Counter-only reset with the admin already verified. */
  tr_apdu(&card, &r, USER_BAD);
  tr_apdu(&card, &r, USER_BAD);
  SW(0x9000, "00 2C 03 81");
  SW(0x63C3, "00 20 00 81");
  SW(0x6A86, "00 2C 01 81");
  SW(0x6A86, "00 2C 03 82");
}

static void test_change_pin(void **state) {
  (void)state;
  SW(0x9000, "00 24 00 81 0A 31 32 33 34 39 39 39 39 39 39");
  SW(0x9000, "00 20 00 81"); /* changing verifies */
  SW(0x9000, "00 20 FF 81");
  SW(0x63C2, USER_OK);
  SW(0x9000, "00 20 00 81 06 39 39 39 39 39 39");
  SW(0x63C2, "00 24 00 81 0A 31 32 33 34 35 35 35 35 35 35"); /* wrong old */
  SW(0x6700, "00 24 00 81 08 39 39 39 39 39 39 35 35");       /* new of 2 bytes */
  SW(0x6A88, "00 24 00 83 08 31 32 33 34 35 35 35 35");
  SW(0x9000, "00 24 00 82 0C 31 32 33 34 35 36 37 38 41 42 43 44");
  SW(0x9000, "00 20 00 82 04 41 42 43 44");
}

static void des3(const uint8_t in[8], uint8_t out[8]) {
  static const uint8_t key[24] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12,
                                  13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24};
  EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
  int n = 0;
  assert_non_null(ctx);
  assert_true(EVP_EncryptInit_ex(ctx, EVP_des_ede3_ecb(), NULL, key, NULL));
  EVP_CIPHER_CTX_set_padding(ctx, 0);
  assert_true(EVP_EncryptUpdate(ctx, out, &n, in, 8));
  assert_int_equal(n, 8);
  EVP_CIPHER_CTX_free(ctx);
}

static void test_challenge(void **state) {
  (void)state;
  uint8_t first[8];
  SW(0x9000, "00 84 00 00 08");
  assert_int_equal(r.len, 8);
  memcpy(first, r.data, 8);
  SW(0x9000, "00 84 00 00 08");
  assert_memory_not_equal(first, r.data, 8);
  mdf_sim_reset(sim); /* deterministic: the generator restarts with the card */
  SW(0x9000, "00 84 00 00 08");
  assert_memory_equal(first, r.data, 8);
  SW(0x6700, "00 84 00 00 04");
  SW(0x6700, "00 84 00 00"); /* no Le */
  SW(0x6A86, "00 84 01 00 08");
  SW(0x9000, "00 84 00 00 10"); /* longer Le: that many bytes */
  assert_int_equal(r.len, 16);
  SW(0x9000, "00 84 00 00 00"); /* 00 = 256 */
  assert_int_equal(r.len, 256);
}

static void test_external_auth(void **state) {
  (void)state;
  uint8_t resp[8];
  SW(0x6985, "00 82 00 82 08 00 00 00 00 00 00 00 00"); /* no challenge yet */
  SW(0x9000, "00 84 00 00 08");
  des3(r.data, resp);
  resp[0] ^= 1;
  SW(0x6300, "00 82 00 82 08 %02X%02X%02X%02X%02X%02X%02X%02X", resp[0], resp[1], resp[2], resp[3],
     resp[4], resp[5], resp[6], resp[7]);
  SW(0x6985, "00 82 00 82 08 00 00 00 00 00 00 00 00"); /* challenge used up */
  SW(0x9000, "00 84 00 00 08");
  des3(r.data, resp);
  SW(0x6A86, "00 82 00 81 08 00 00 00 00 00 00 00 00");
  SW(0x6700, "00 82 00 82 04 00 00 00 00");
  SW(0x9000, "00 82 00 82 08 %02X%02X%02X%02X%02X%02X%02X%02X", resp[0], resp[1], resp[2], resp[3],
     resp[4], resp[5], resp[6], resp[7]);
  /* Admin verified: counter reset of the user PIN is allowed now. */
  SW(0x9000, "00 2C 03 81");
  SW(0x9000, "00 20 FF 82");
  SW(0x6982, "00 2C 03 81");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(test_verify_counter, setup),
      cmocka_unit_test_setup(test_admin_pin, setup),
      cmocka_unit_test_setup(test_unblock, setup),
      cmocka_unit_test_setup(test_change_pin, setup),
      cmocka_unit_test_setup(test_challenge, setup),
      cmocka_unit_test_setup(test_external_auth, setup),
  };
  return cmocka_run_group_tests_name("reader-sim-auth", tests, NULL, teardown_all);
}
