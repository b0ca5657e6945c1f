/* refmd keys: CardGetContainerInfo blobs checked against the certificates
 * on the card, CardQueryKeySizes, CardSignData (RSA PKCS#1 with each hash,
 * preformatted, padding info, size only; ECDSA) verified with OpenSSL,
 * CardRSADecrypt of OpenSSL-made cryptograms, and the CMR.4.x rules. */
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "test-refmd-util.h"

static void reverse(BYTE *p, size_t n) {
  size_t i;
  for (i = 0; i < n / 2; i++) {
    BYTE t = p[i];
    p[i] = p[n - 1 - i];
    p[n - 1 - i] = t;
  }
}

static DWORD le32(const BYTE *p) {
  return (DWORD)p[0] | (DWORD)p[1] << 8 | (DWORD)p[2] << 16 | (DWORD)p[3] << 24;
}

/* The public key of the certificate in /mscp/<file>. */
static EVP_PKEY *cert_key(rt_session_t *s, const char *file) {
  BYTE *d;
  DWORD n;
  const unsigned char *q;
  X509 *x;
  EVP_PKEY *k;
  assert_int_equal(rt_read(s, "mscp", file, &d, &n), 0);
  q = d;
  x = d2i_X509(NULL, &q, (long)n);
  assert_non_null(x);
  k = X509_get_pubkey(x);
  assert_non_null(k);
  X509_free(x);
  rt_free(d);
  return k;
}

static void test_container_info(void **state) {
  rt_session_t *s = *state;
  CONTAINER_INFO ci;
  EVP_PKEY *rsa = cert_key(s, "kxc00"), *ec = cert_key(s, "ksc01");
  BIGNUM *n = NULL, *e = NULL, *bn;
  BYTE mod[256], pt[65];
  size_t ptlen = 0;

  memset(&ci, 0, sizeof ci);
  assert_int_equal(s->cd.pfnCardGetContainerInfo(&s->cd, 0, 0, &ci), 0);
  assert_null(ci.pbSigPublicKey);
  assert_int_equal(ci.cbSigPublicKey, 0);
  assert_int_equal(ci.cbKeyExPublicKey, 20 + 256);
  /* PUBLICKEYBLOB: BLOBHEADER, RSAPUBKEY, modulus little-endian. */
  assert_int_equal(ci.pbKeyExPublicKey[0], PUBLICKEYBLOB);
  assert_int_equal(ci.pbKeyExPublicKey[1], CUR_BLOB_VERSION);
  assert_int_equal(le32(ci.pbKeyExPublicKey + 4), CALG_RSA_KEYX);
  assert_int_equal(le32(ci.pbKeyExPublicKey + 8), 0x31415352u);
  assert_int_equal(le32(ci.pbKeyExPublicKey + 12), 2048);
  assert_true(EVP_PKEY_get_bn_param(rsa, OSSL_PKEY_PARAM_RSA_N, &n));
  assert_true(EVP_PKEY_get_bn_param(rsa, OSSL_PKEY_PARAM_RSA_E, &e));
  assert_int_equal(le32(ci.pbKeyExPublicKey + 16), BN_get_word(e));
  memcpy(mod, ci.pbKeyExPublicKey + 20, 256);
  reverse(mod, 256);
  bn = BN_bin2bn(mod, 256, NULL);
  assert_int_equal(BN_cmp(bn, n), 0);
  BN_free(bn);
  BN_free(n);
  BN_free(e);
  rt_free(ci.pbKeyExPublicKey);

  memset(&ci, 0, sizeof ci);
  assert_int_equal(s->cd.pfnCardGetContainerInfo(&s->cd, 1, 0, &ci), 0);
  assert_null(ci.pbKeyExPublicKey);
  assert_int_equal(ci.cbSigPublicKey, 8 + 64);
  /* BCRYPT_ECCKEY_BLOB: magic, cbKey, X, Y. */
  assert_int_equal(le32(ci.pbSigPublicKey), BCRYPT_ECDSA_PUBLIC_P256_MAGIC);
  assert_int_equal(le32(ci.pbSigPublicKey + 4), 32);
  assert_true(EVP_PKEY_get_octet_string_param(ec, OSSL_PKEY_PARAM_PUB_KEY, pt, sizeof pt, &ptlen));
  assert_int_equal(ptlen, 65);
  assert_memory_equal(ci.pbSigPublicKey + 8, pt + 1, 64);
  rt_free(ci.pbSigPublicKey);
  EVP_PKEY_free(rsa);
  EVP_PKEY_free(ec);

  /* CMR.4.2.3.E1..E5 */
  assert_int_equal(s->cd.pfnCardGetContainerInfo(NULL, 0, 0, &ci), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardGetContainerInfo(&s->cd, 0, 0, NULL), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardGetContainerInfo(&s->cd, 2, 0, &ci), SCARD_E_NO_KEY_CONTAINER);
  assert_int_equal(s->cd.pfnCardGetContainerInfo(&s->cd, 255, 0, &ci), SCARD_E_NO_KEY_CONTAINER);
  assert_int_equal(s->cd.pfnCardGetContainerInfo(&s->cd, 2, 1, &ci),
                   SCARD_E_NO_KEY_CONTAINER); /* E3 before E4 */
  assert_int_equal(s->cd.pfnCardGetContainerInfo(&s->cd, 0, 1, &ci), SCARD_E_INVALID_PARAMETER);
  ci.dwVersion = 2;
  assert_int_equal(s->cd.pfnCardGetContainerInfo(&s->cd, 0, 0, &ci), ERROR_REVISION_MISMATCH);
}

static void test_key_sizes(void **state) {
  static const struct {
    DWORD spec, rc, bits;
  } rows[] = {{AT_KEYEXCHANGE, 0, 2048},
              {AT_SIGNATURE, 0, 2048},
              {AT_ECDSA_P256, 0, 256},
              {AT_ECDSA_P384, SCARD_E_UNSUPPORTED_FEATURE, 0},
              {AT_ECDSA_P521, SCARD_E_UNSUPPORTED_FEATURE, 0},
              {AT_ECDHE_P256, SCARD_E_UNSUPPORTED_FEATURE, 0},
              {0, SCARD_E_INVALID_PARAMETER, 0},
              {9, SCARD_E_INVALID_PARAMETER, 0}};
  rt_session_t *s = *state;
  CARD_KEY_SIZES ks;
  size_t i;
  for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    memset(&ks, 0, sizeof ks);
    assert_int_equal(s->cd.pfnCardQueryKeySizes(&s->cd, rows[i].spec, 0, &ks), rows[i].rc);
    if (!rows[i].rc) {
      assert_int_equal(ks.dwMinimumBitlen, rows[i].bits);
      assert_int_equal(ks.dwDefaultBitlen, rows[i].bits);
      assert_int_equal(ks.dwMaximumBitlen, rows[i].bits);
    }
  }
  /* CMR.4.3.6.E1..E5 */
  assert_int_equal(s->cd.pfnCardQueryKeySizes(NULL, AT_SIGNATURE, 0, &ks),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardQueryKeySizes(&s->cd, AT_SIGNATURE, 0, NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardQueryKeySizes(&s->cd, AT_SIGNATURE, 1, &ks),
                   SCARD_E_INVALID_PARAMETER);
  ks.dwVersion = 2;
  assert_int_equal(s->cd.pfnCardQueryKeySizes(&s->cd, AT_SIGNATURE, 0, &ks),
                   ERROR_REVISION_MISMATCH);
  assert_int_equal(s->cd.pfnCardQueryKeySizes(&s->cd, AT_ECDSA_P384, 0, &ks),
                   ERROR_REVISION_MISMATCH); /* E5 before E6 */
}

static void rsa_verify(EVP_PKEY *k, const EVP_MD *md, const BYTE *hash, size_t hlen, BYTE *sig_le,
                       DWORD slen) {
  EVP_PKEY_CTX *c = EVP_PKEY_CTX_new(k, NULL);
  assert_int_equal(slen, 256);
  reverse(sig_le, slen); /* CAPI order -> big-endian */
  assert_true(EVP_PKEY_verify_init(c) > 0);
  assert_true(EVP_PKEY_CTX_set_rsa_padding(c, RSA_PKCS1_PADDING) > 0);
  assert_true(EVP_PKEY_CTX_set_signature_md(c, md) > 0);
  assert_int_equal(EVP_PKEY_verify(c, sig_le, slen, hash, hlen), 1);
  EVP_PKEY_CTX_free(c);
}

static void test_rsa_sign(void **state) {
  static const struct {
    ALG_ID alg;
    const char *md;
    LPCWSTR cng;
  } algs[] = {{CALG_SHA1, "SHA1", BCRYPT_SHA1_ALGORITHM},
              {CALG_SHA_256, "SHA256", BCRYPT_SHA256_ALGORITHM},
              {CALG_SHA_384, "SHA384", BCRYPT_SHA384_ALGORITHM},
              {CALG_SHA_512, "SHA512", BCRYPT_SHA512_ALGORITHM}};
  rt_session_t *s = *state;
  EVP_PKEY *k = cert_key(s, "kxc00");
  CARD_SIGNING_INFO si;
  BYTE hash[64];
  unsigned hlen = 0;
  size_t i;

  assert_int_equal(rt_login(s, "1234"), 0);
  for (i = 0; i < sizeof algs / sizeof algs[0]; i++) {
    const EVP_MD *md = EVP_get_digestbyname(algs[i].md);
    BCRYPT_PKCS1_PADDING_INFO pi = {algs[i].cng};
    assert_true(EVP_Digest("hello refmd", 11, hash, &hlen, md, NULL));
    /* Version 1, the hash named by aiHashAlg. */
    memset(&si, 0, sizeof si);
    si.dwVersion = CARD_SIGNING_INFO_BASIC_VERSION;
    si.bContainerIndex = 0;
    si.dwKeySpec = AT_KEYEXCHANGE;
    si.aiHashAlg = algs[i].alg;
    si.pbData = hash;
    si.cbData = hlen;
    assert_int_equal(s->cd.pfnCardSignData(&s->cd, &si), 0);
    rsa_verify(k, md, hash, hlen, si.pbSignedData, si.cbSignedData);
    rt_free(si.pbSignedData);
    /* Version 2, the hash named by BCRYPT_PKCS1_PADDING_INFO. */
    memset(&si, 0, sizeof si);
    si.dwVersion = CARD_SIGNING_INFO_CURRENT_VERSION;
    si.dwKeySpec = AT_KEYEXCHANGE;
    si.dwSigningFlags = CARD_PADDING_INFO_PRESENT;
    si.dwPaddingType = CARD_PADDING_PKCS1;
    si.pPaddingInfo = &pi;
    si.pbData = hash;
    si.cbData = hlen;
    assert_int_equal(s->cd.pfnCardSignData(&s->cd, &si), 0);
    rsa_verify(k, md, hash, hlen, si.pbSignedData, si.cbSignedData);
    rt_free(si.pbSignedData);
  }
  /* aiHashAlg 0: the caller passes the DigestInfo itself (here SHA-256's). */
  {
    static const BYTE prefix[19] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
    BYTE di[19 + 32];
    assert_true(EVP_Digest("abc", 3, hash, &hlen, EVP_sha256(), NULL));
    memcpy(di, prefix, 19);
    memcpy(di + 19, hash, 32);
    memset(&si, 0, sizeof si);
    si.dwKeySpec = AT_KEYEXCHANGE; /* dwVersion 0 means 1 */
    si.pbData = di;
    si.cbData = sizeof di;
    assert_int_equal(s->cd.pfnCardSignData(&s->cd, &si), 0);
    rsa_verify(k, EVP_sha256(), hash, 32, si.pbSignedData, si.cbSignedData);
    rt_free(si.pbSignedData);
  }
  /* Size only: no buffer, no card operation. */
  memset(&si, 0, sizeof si);
  si.dwVersion = 1;
  si.dwKeySpec = AT_KEYEXCHANGE;
  si.dwSigningFlags = CARD_BUFFER_SIZE_ONLY;
  si.aiHashAlg = CALG_SHA_256;
  si.pbData = hash;
  si.cbData = 32;
  assert_int_equal(s->cd.pfnCardSignData(&s->cd, &si), 0);
  assert_int_equal(si.cbSignedData, 256);
  assert_null(si.pbSignedData);
  EVP_PKEY_free(k);
}

static void test_ecc_sign(void **state) {
  rt_session_t *s = *state;
  EVP_PKEY *k = cert_key(s, "ksc01");
  CARD_SIGNING_INFO si;
  BYTE hash[32], der[80], *p = der;
  unsigned hlen = 0;
  ECDSA_SIG *sig = ECDSA_SIG_new();
  EVP_PKEY_CTX *c = EVP_PKEY_CTX_new(k, NULL);
  int dlen;

  assert_true(EVP_Digest("ecc", 3, hash, &hlen, EVP_sha256(), NULL));
  assert_int_equal(rt_login(s, "1234"), 0);
  memset(&si, 0, sizeof si);
  si.dwVersion = 2;
  si.bContainerIndex = 1;
  si.dwKeySpec = AT_ECDSA_P256;
  si.aiHashAlg = CALG_SHA_256;
  si.pbData = hash;
  si.cbData = 32;
  assert_int_equal(s->cd.pfnCardSignData(&s->cd, &si), 0);
  assert_int_equal(si.cbSignedData, 64);
  /* r || s, big-endian, as CNG has it. */
  assert_true(ECDSA_SIG_set0(sig, BN_bin2bn(si.pbSignedData, 32, NULL),
                             BN_bin2bn(si.pbSignedData + 32, 32, NULL)));
  dlen = i2d_ECDSA_SIG(sig, &p);
  assert_true(dlen > 0);
  assert_true(EVP_PKEY_verify_init(c) > 0);
  assert_int_equal(EVP_PKEY_verify(c, der, (size_t)dlen, hash, 32), 1);
  rt_free(si.pbSignedData);
  ECDSA_SIG_free(sig);
  EVP_PKEY_CTX_free(c);
  EVP_PKEY_free(k);
  /* An RSA key spec on the ECC container. */
  si.dwKeySpec = AT_SIGNATURE;
  assert_int_equal(s->cd.pfnCardSignData(&s->cd, &si), SCARD_E_INVALID_PARAMETER);
}

static void test_sign_rules(void **state) {
  rt_session_t *s = *state;
  CARD_SIGNING_INFO si, base;
  BYTE hash[32] = {1};
  BCRYPT_PSS_PADDING_INFO pss = {BCRYPT_SHA256_ALGORITHM, 32};
  memset(&base, 0, sizeof base);
  base.dwVersion = 1;
  base.dwKeySpec = AT_KEYEXCHANGE;
  base.aiHashAlg = CALG_SHA_256;
  base.pbData = hash;
  base.cbData = 32;
  /* CMR.4.3.5.E1..E10 */
  si = base;
  assert_int_equal(s->cd.pfnCardSignData(NULL, &si), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardSignData(&s->cd, NULL), SCARD_E_INVALID_PARAMETER);
  si.dwVersion = 3;
  assert_int_equal(s->cd.pfnCardSignData(&s->cd, &si), ERROR_REVISION_MISMATCH);
  si = base, si.pbData = NULL;
  assert_int_equal(s->cd.pfnCardSignData(&s->cd, &si), SCARD_E_INVALID_PARAMETER);
  si = base, si.bContainerIndex = 5;
  assert_int_equal(s->cd.pfnCardSignData(&s->cd, &si), SCARD_E_NO_KEY_CONTAINER);
  si = base, si.dwKeySpec = 42;
  assert_int_equal(s->cd.pfnCardSignData(&s->cd, &si), SCARD_E_INVALID_PARAMETER);
  si = base, si.dwKeySpec = AT_SIGNATURE; /* container 0 holds a key-exchange key */
  assert_int_equal(s->cd.pfnCardSignData(&s->cd, &si), SCARD_E_INVALID_PARAMETER);
  si = base, si.dwSigningFlags = 0x100;
  assert_int_equal(s->cd.pfnCardSignData(&s->cd, &si), SCARD_E_INVALID_PARAMETER);
  si = base, si.dwSigningFlags = CARD_PADDING_INFO_PRESENT; /* version 1 has no padding info */
  assert_int_equal(s->cd.pfnCardSignData(&s->cd, &si), SCARD_E_INVALID_PARAMETER);
  si = base, si.aiHashAlg = CALG_RSA_SIGN;
  assert_int_equal(s->cd.pfnCardSignData(&s->cd, &si), SCARD_E_INVALID_PARAMETER);
  si = base, si.aiHashAlg = CALG_MD5;
  assert_int_equal(s->cd.pfnCardSignData(&s->cd, &si), SCARD_E_UNSUPPORTED_FEATURE);
  si = base, si.cbData = 20;
  assert_int_equal(s->cd.pfnCardSignData(&s->cd, &si), SCARD_E_INVALID_PARAMETER);
  si = base, si.dwVersion = 2, si.dwSigningFlags = CARD_PADDING_INFO_PRESENT,
  si.dwPaddingType = CARD_PADDING_PSS;
  si.pPaddingInfo = &pss;
  assert_int_equal(s->cd.pfnCardSignData(&s->cd, &si), SCARD_E_UNSUPPORTED_FEATURE);
  si = base;
  assert_int_equal(s->cd.pfnCardSignData(&s->cd, &si), SCARD_W_SECURITY_VIOLATION); /* no PIN */
  assert_null(si.pbSignedData);
}

static void test_decrypt(void **state) {
  rt_session_t *s = *state;
  EVP_PKEY *k = cert_key(s, "kxc00");
  EVP_PKEY_CTX *c = EVP_PKEY_CTX_new(k, NULL);
  static const char msg[] = "a 3DES session key, say";
  BYTE ct[256], buf[256];
  size_t ctlen = sizeof ct;
  CARD_RSA_DECRYPT_INFO di;

  assert_true(EVP_PKEY_encrypt_init(c) > 0);
  assert_true(EVP_PKEY_CTX_set_rsa_padding(c, RSA_PKCS1_PADDING) > 0);
  assert_true(EVP_PKEY_encrypt(c, ct, &ctlen, (const BYTE *)msg, sizeof msg) > 0);
  assert_int_equal(ctlen, 256);
  EVP_PKEY_CTX_free(c);
  EVP_PKEY_free(k);
  reverse(ct, 256); /* CAPI order */

  memset(&di, 0, sizeof di);
  di.dwVersion = CARD_RSA_KEY_DECRYPT_INFO_VERSION_ONE;
  di.dwKeySpec = AT_KEYEXCHANGE;
  memcpy(buf, ct, 256);
  di.pbData = buf;
  di.cbData = 256;
  assert_int_equal(s->cd.pfnCardRSADecrypt(&s->cd, &di), SCARD_W_SECURITY_VIOLATION); /* E8 */
  assert_int_equal(rt_login(s, "1234"), 0);
  /* Version 1: the raw block comes back, little-endian, for the CSP to unpad. */
  assert_int_equal(s->cd.pfnCardRSADecrypt(&s->cd, &di), 0);
  assert_int_equal(di.cbData, 256);
  reverse(buf, 256);
  assert_int_equal(buf[0], 0x00);
  assert_int_equal(buf[1], 0x02);
  assert_memory_equal(buf + 256 - sizeof msg, msg, sizeof msg);
  assert_int_equal(buf[256 - sizeof msg - 1], 0x00);
  /* Version 2 with PKCS#1: the message itself. */
  memset(&di, 0, sizeof di);
  di.dwVersion = CARD_RSA_KEY_DECRYPT_INFO_VERSION_TWO;
  di.dwKeySpec = AT_KEYEXCHANGE;
  di.dwPaddingType = CARD_PADDING_PKCS1;
  memcpy(buf, ct, 256);
  di.pbData = buf;
  di.cbData = 256;
  assert_int_equal(s->cd.pfnCardRSADecrypt(&s->cd, &di), 0);
  assert_int_equal(di.cbData, sizeof msg);
  assert_memory_equal(buf, msg, sizeof msg);

  /* CMR.4.3.1.E1..E7 */
  memset(&di, 0, sizeof di);
  di.dwVersion = 1;
  di.dwKeySpec = AT_KEYEXCHANGE;
  di.pbData = buf;
  di.cbData = 256;
  assert_int_equal(s->cd.pfnCardRSADecrypt(NULL, &di), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardRSADecrypt(&s->cd, NULL), SCARD_E_INVALID_PARAMETER);
  di.dwVersion = 3;
  assert_int_equal(s->cd.pfnCardRSADecrypt(&s->cd, &di), ERROR_REVISION_MISMATCH);
  di.dwVersion = 1, di.bContainerIndex = 6;
  assert_int_equal(s->cd.pfnCardRSADecrypt(&s->cd, &di), SCARD_E_NO_KEY_CONTAINER);
  di.bContainerIndex = 1; /* the ECC container */
  assert_int_equal(s->cd.pfnCardRSADecrypt(&s->cd, &di), SCARD_E_INVALID_PARAMETER);
  di.bContainerIndex = 0, di.dwKeySpec = AT_ECDSA_P256;
  assert_int_equal(s->cd.pfnCardRSADecrypt(&s->cd, &di), SCARD_E_INVALID_PARAMETER);
  di.dwKeySpec = AT_KEYEXCHANGE, di.pbData = NULL;
  assert_int_equal(s->cd.pfnCardRSADecrypt(&s->cd, &di), SCARD_E_INVALID_PARAMETER);
  di.pbData = buf, di.cbData = 128;
  assert_int_equal(s->cd.pfnCardRSADecrypt(&s->cd, &di), SCARD_E_INSUFFICIENT_BUFFER);
  di.cbData = 256, di.dwVersion = 2, di.dwPaddingType = CARD_PADDING_OAEP;
  assert_int_equal(s->cd.pfnCardRSADecrypt(&s->cd, &di), SCARD_E_UNSUPPORTED_FEATURE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_container_info, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_key_sizes, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_rsa_sign, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_ecc_sign, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_sign_rules, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_decrypt, rt_setup, rt_teardown),
  };
  return cmocka_run_group_tests_name("refmd-keys", tests, NULL, NULL);
}
