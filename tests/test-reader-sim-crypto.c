/* Simulated card: public keys (with 61xx / GET RESPONSE), RSA and ECDSA
 * signatures verified with the key read from the card, RSA decipher,
 * GENERATE KEY PAIR and the certificates. */
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "test-reader-sim.h"
#define USER_OK "00 20 00 81 04 31 32 33 34"

/* Read a public key (ref) through 61xx chaining; returns its bytes in buf. */
static size_t read_pub(int generate, unsigned ref, uint8_t *buf) {
  unsigned sw =
      tr_apdu(&card, &r, "00 47 %s 00 05 B6 03 84 01 %02X 00", generate ? "80" : "81", ref);
  size_t n = r.len;
  memcpy(buf, r.data, n);
  while ((sw & 0xFF00) == 0x6100) {
    sw = tr_apdu(&card, &r, "00 C0 00 00 %02X", sw & 0xFF);
    memcpy(buf + n, r.data, r.len);
    n += r.len;
  }
  assert_int_equal(sw, 0x9000);
  return n;
}

/* EVP_PKEY from a 7F49 template. */
static EVP_PKEY *pub_from_card(const uint8_t *p, size_t n) {
  EVP_PKEY *key = NULL;
  OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
  BIGNUM *bn_n = NULL, *bn_e = NULL;
  assert_true(n > 4 && p[0] == 0x7F && p[1] == 0x49);
  const char *type;
  if (p[3] == 0x86 || p[2] == 0x43) { /* 7F49 43 86 41 04 X Y */
    assert_int_equal(n, 70);
    assert_int_equal(p[3], 0x86);
    assert_int_equal(p[5], 0x04);
    type = "EC";
    OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
    OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, p + 5, 65);
  } else { /* 7F49 82 01 09 81 82 01 00 n(256) 82 03 e */
    assert_int_equal(n, 270);
    assert_memory_equal(p + 2, "\x82\x01\x09\x81\x82\x01\x00", 7);
    assert_int_equal(p[265], 0x82);
    type = "RSA";
    bn_n = BN_bin2bn(p + 9, 256, NULL);
    bn_e = BN_bin2bn(p + 267, p[266], NULL);
    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n);
    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e);
  }
  OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, type, NULL);
  assert_true(EVP_PKEY_fromdata_init(ctx) > 0);
  assert_true(EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) > 0);
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(bld);
  BN_free(bn_n);
  BN_free(bn_e);
  return key;
}

static EVP_PKEY *card_key(unsigned ref) {
  static uint8_t buf[512];
  return pub_from_card(buf, read_pub(0, ref, buf));
}

static X509 *read_cert(const char *fid) {
  SW(0x9000, "00 A4 08 0C 04 50 00 %s", fid);
  SW(0x9000, "00 B0 00 00 00 00 00");
  const unsigned char *p = r.data;
  X509 *x = d2i_X509(NULL, &p, (long)r.len);
  assert_non_null(x);
  return x;
}

static void test_public_keys_and_certs(void **state) {
  (void)state;
  /* RSA: 270 bytes answer to Le=00 -> 256 bytes + 610E. */
  SW(0x610E, "00 47 81 00 05 B6 03 84 01 01 00");
  assert_int_equal(r.len, 256);
  SW(0x6108, "00 C0 00 00 06");
  SW(0x9000, "00 C0 00 00 00");
  assert_int_equal(r.len, 8);
  SW(0x6985, "00 C0 00 00 00");
  const char *fids[2] = {"50 02", "50 03"}, *cns[2] = {"mdfuzz sim RSA", "mdfuzz sim ECC"};
  for (unsigned ref = 1; ref <= 2; ref++) {
    EVP_PKEY *k = card_key(ref);
    X509 *x = read_cert(fids[ref - 1]);
    char cn[64];
    assert_true(
        X509_NAME_get_text_by_NID(X509_get_subject_name(x), NID_commonName, cn, sizeof(cn)) > 0);
    assert_string_equal(cn, cns[ref - 1]);
    assert_int_equal(EVP_PKEY_eq(k, X509_get0_pubkey(x)), 1);
    X509_free(x);
    EVP_PKEY_free(k);
  }
  SW(0x6A88, "00 47 81 00 05 B6 03 84 01 05 00");
  SW(0x6A80, "00 47 81 00 05 B6 03 83 01 01 00");
  SW(0x6A86, "00 47 82 00 05 B6 03 84 01 01 00");
}

static void test_rsa_sign(void **state) {
  (void)state;
  static const uint8_t msg[] = "mdfuzz";
  static const uint8_t sha256_prefix[19] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60,
                                            0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                                            0x01, 0x05, 0x00, 0x04, 0x20};
  uint8_t di[51], apdu[300];
  unsigned int hlen = 32;
  memcpy(di, sha256_prefix, 19);
  assert_true(EVP_Digest(msg, sizeof(msg), di + 19, &hlen, EVP_sha256(), NULL));
  size_t n = 0;
  memcpy(apdu, "\x00\x2A\x9E\x9A\x33", 5);
  memcpy(apdu + 5, di, 51);
  apdu[56] = 0x00;
  assert_int_equal(tr_send(&card, apdu, 57, &r), 0x6982); /* needs the user PIN */
  SW(0x9000, USER_OK);
  assert_int_equal(tr_send(&card, apdu, 57, &r), 0x6985); /* no MSE yet */
  SW(0x6A88, "00 22 41 B6 03 84 01 07");
  SW(0x6A86, "00 22 41 B7 03 84 01 01");
  SW(0x9000, "00 22 41 B6 03 84 01 01");
  assert_int_equal(tr_send(&card, apdu, 57, &r), 0x9000);
  assert_int_equal(r.len, 256);
  uint8_t sig[256];
  memcpy(sig, r.data, 256);
  /* A standard RSA-SHA256 (PKCS#1 v1.5) signature of msg. */
  EVP_PKEY *k = card_key(1);
  EVP_MD_CTX *md = EVP_MD_CTX_new();
  assert_true(EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL, k) > 0);
  assert_int_equal(EVP_DigestVerify(md, sig, sizeof(sig), msg, sizeof(msg)), 1);
  EVP_MD_CTX_free(md);
  /* Raw RSA: 256 bytes in an extended APDU; recover with the public key. */
  memcpy(apdu, "\x00\x2A\x9E\x9A\x00\x01\x00", 7);
  for (n = 0; n < 256; n++)
    apdu[7 + n] = (uint8_t)(n == 0 ? 0x00 : n);
  apdu[263] = apdu[264] = 0;
  assert_int_equal(tr_send(&card, apdu, 265, &r), 0x9000);
  assert_int_equal(r.len, 256);
  uint8_t rec[256];
  size_t rec_len = sizeof(rec);
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, k, NULL);
  assert_true(EVP_PKEY_verify_recover_init(ctx) > 0);
  assert_true(EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_NO_PADDING) > 0);
  assert_true(EVP_PKEY_verify_recover(ctx, rec, &rec_len, r.data, r.len) > 0);
  assert_int_equal(rec_len, 256);
  assert_memory_equal(rec, apdu + 7, 256);
  EVP_PKEY_CTX_free(ctx);
  EVP_PKEY_free(k);
  /* Raw input not below the modulus, too long DigestInfo. */
  memset(apdu + 7, 0xFF, 256);
  assert_int_equal(tr_send(&card, apdu, 265, &r), 0x6A80);
  SW(0x6700, "00 2A 9E 9A 00 00 F6 %0492d 00 00", 0);
}

static void test_ecdsa_sign(void **state) {
  (void)state;
  uint8_t hash[32];
  unsigned int hlen = 32;
  assert_true(EVP_Digest("ecc", 3, hash, &hlen, EVP_sha256(), NULL));
  SW(0x9000, USER_OK);
  SW(0x9000, "00 22 41 B6 03 84 01 02");
  char hex[80];
  for (int i = 0; i < 32; i++)
    snprintf(hex + 2 * i, 3, "%02X", hash[i]);
  SW(0x9000, "00 2A 9E 9A 20 %s 00", hex);
  assert_int_equal(r.len, 64);
  ECDSA_SIG *sig = ECDSA_SIG_new();
  assert_true(ECDSA_SIG_set0(sig, BN_bin2bn(r.data, 32, NULL), BN_bin2bn(r.data + 32, 32, NULL)));
  unsigned char *der = NULL;
  int der_len = i2d_ECDSA_SIG(sig, &der);
  EVP_PKEY *k = card_key(2);
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, k, NULL);
  assert_true(EVP_PKEY_verify_init(ctx) > 0);
  assert_int_equal(EVP_PKEY_verify(ctx, der, (size_t)der_len, hash, 32), 1);
  EVP_PKEY_CTX_free(ctx);
  EVP_PKEY_free(k);
  OPENSSL_free(der);
  ECDSA_SIG_free(sig);
  SW(0x6A88, "00 22 41 B8 03 84 01 02"); /* no ECC decipher */
  SW(0x6700, "00 2A 9E 9A 41 %0130d 00", 0);
}

static void test_decipher(void **state) {
  (void)state;
  static const uint8_t secret[] = "session key 0123";
  uint8_t crypt[256], apdu[300];
  size_t clen = sizeof(crypt);
  EVP_PKEY *k = card_key(1);
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, k, NULL);
  assert_true(EVP_PKEY_encrypt_init(ctx) > 0);
  assert_true(EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) > 0);
  assert_true(EVP_PKEY_encrypt(ctx, crypt, &clen, secret, sizeof(secret)) > 0);
  EVP_PKEY_CTX_free(ctx);
  EVP_PKEY_free(k);
  assert_int_equal(clen, 256);
  memcpy(apdu, "\x00\x2A\x80\x86\x00\x01\x01\x00", 8);
  memcpy(apdu + 8, crypt, 256);
  apdu[264] = apdu[265] = 0;
  assert_int_equal(tr_send(&card, apdu, 266, &r), 0x6982);
  SW(0x9000, USER_OK);
  assert_int_equal(tr_send(&card, apdu, 266, &r), 0x6985); /* no MSE */
  SW(0x9000, "00 22 41 B8 03 84 01 01");
  assert_int_equal(tr_send(&card, apdu, 266, &r), 0x9000);
  assert_int_equal(r.len, 256);
  /* Raw block: 00 02 padding ... 00 secret */
  assert_int_equal(r.data[0], 0x00);
  assert_int_equal(r.data[1], 0x02);
  assert_int_equal(r.data[255 - sizeof(secret)], 0x00);
  assert_memory_equal(r.data + 256 - sizeof(secret), secret, sizeof(secret));
  apdu[7] = 0x01; /* padding indicator must be 00 */
  assert_int_equal(tr_send(&card, apdu, 266, &r), 0x6A80);
  SW(0x6700, "00 2A 80 86 03 00 01 02 00");
  SW(0x6A86, "00 2A 80 87 03 00 01 02 00");
}

static void test_generate(void **state) {
  (void)state;
  SW(0x6982, "00 47 80 00 05 B6 03 84 01 03 00");
  SW(0x9000, USER_OK);
  static uint8_t a[512], b[512];
  size_t na = read_pub(1, 3, a);
  assert_int_equal(na, 270);
  read_pub(0, 1, b);
  assert_memory_not_equal(a, b, 270); /* a pool key, not the personalised one */
  na = read_pub(1, 4, a);
  assert_int_equal(na, 70);
  EVP_PKEY_free(pub_from_card(a, na));
  size_t nb = read_pub(0, 4, b);
  assert_int_equal(nb, na);
  assert_memory_equal(a, b, na);
  SW(0x9000, "80 CA 01 01 04");
  assert_int_equal(r.data[2], 4);
  /* The new key signs. */
  SW(0x9000, "00 22 41 B6 03 84 01 04");
  SW(0x9000, "00 2A 9E 9A 20 %064d 00", 0);
  assert_int_equal(r.len, 64);
  SW(0x6A88, "00 47 80 00 05 B6 03 84 01 09 00");
  mdf_sim_reset(sim);
  SW(0x9000, "80 CA 01 01 04");
  assert_int_equal(r.data[2], 6);
  SW(0x6A88, "00 47 81 00 05 B6 03 84 01 03 00");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup(test_public_keys_and_certs, setup),
      cmocka_unit_test_setup(test_rsa_sign, setup),
      cmocka_unit_test_setup(test_ecdsa_sign, setup),
      cmocka_unit_test_setup(test_decipher, setup),
      cmocka_unit_test_setup(test_generate, setup),
  };
  return cmocka_run_group_tests_name("reader-sim-crypto", tests, NULL, teardown_all);
}
