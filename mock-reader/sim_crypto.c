/* Simulated card: keys and the commands that use them (MSE SET, PSO
 * COMPUTE DIGITAL SIGNATURE / DECIPHER, read public key, GENERATE KEY PAIR),
 * on OpenSSL 3 EVP APIs.  Keys are parsed once in mdf__sim_crypto_new; the
 * card state only holds pool indexes, so reset stays a memcpy. */
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "sim_int.h"

#define RSA_BYTES 256
#define EC_POINT_BYTES 65
#define PKCS1_MAX (RSA_BYTES - 11)

struct mdf__sim_crypto {
  EVP_PKEY *rsa[MDF__SIM_POOL], *ec[MDF__SIM_POOL];
  mdf__sim_pubkey_t rsa_pub[MDF__SIM_POOL], ec_pub[MDF__SIM_POOL];
  EVP_CIPHER_CTX *des;
};

static const uint8_t admin_key[24] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12,
                                      13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24};

static size_t put_len(uint8_t *p, size_t n) {
  if (n < 0x80)
    return p[0] = (uint8_t)n, 1;
  if (n < 0x100)
    return p[0] = 0x81, p[1] = (uint8_t)n, 2;
  return p[0] = 0x82, p[1] = (uint8_t)(n >> 8), p[2] = (uint8_t)n, 3;
}

/* 7F49 L { inner } with inner already at tmp[0..n). */
static void wrap_7f49(mdf__sim_pubkey_t *pk, const uint8_t *inner, size_t n) {
  size_t o = 0;
  pk->tlv[o++] = 0x7F;
  pk->tlv[o++] = 0x49;
  o += put_len(pk->tlv + o, n);
  memcpy(pk->tlv + o, inner, n);
  pk->len = (uint16_t)(o + n);
}

static mdf_err_t rsa_public(EVP_PKEY *k, mdf__sim_pubkey_t *pk) {
  BIGNUM *n = NULL, *e = NULL;
  uint8_t inner[RSA_BYTES + 16];
  mdf_err_t err = MDF_ECRYPTO;
  if (!EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_RSA_N, &n) ||
      !EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_RSA_E, &e) || BN_num_bytes(n) != RSA_BYTES ||
      BN_num_bytes(e) > 8)
    goto out;
  size_t o = 0;
  inner[o++] = 0x81;
  o += put_len(inner + o, RSA_BYTES);
  BN_bn2binpad(n, inner + o, RSA_BYTES);
  o += RSA_BYTES;
  inner[o++] = 0x82;
  inner[o++] = (uint8_t)BN_num_bytes(e);
  o += (size_t)BN_bn2bin(e, inner + o);
  wrap_7f49(pk, inner, o);
  err = MDF_OK;
out:
  BN_free(n);
  BN_free(e);
  return err;
}

static mdf_err_t ec_public(EVP_PKEY *k, mdf__sim_pubkey_t *pk) {
  uint8_t inner[2 + EC_POINT_BYTES];
  size_t len = 0;
  if (!EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_PUB_KEY, inner + 2, EC_POINT_BYTES,
                                       &len) ||
      len != EC_POINT_BYTES || inner[2] != 0x04)
    return MDF_ECRYPTO;
  inner[0] = 0x86;
  inner[1] = EC_POINT_BYTES;
  wrap_7f49(pk, inner, sizeof(inner));
  return MDF_OK;
}

static EVP_PKEY *load_key(const mdf__sim_blob_t *b) {
  const unsigned char *p = b->p;
  return d2i_AutoPrivateKey(NULL, &p, (long)b->len);
}

mdf_err_t mdf__sim_crypto_new(mdf__sim_crypto_t **out) {
  mdf__sim_crypto_t *c = calloc(1, sizeof(*c));
  mdf_err_t err = MDF_ECRYPTO;
  *out = NULL;
  if (!c)
    return MDF_ENOMEM;
  for (int i = 0; i < MDF__SIM_POOL; i++) {
    c->rsa[i] = load_key(&mdf__sim_rsa_keys[i]);
    c->ec[i] = load_key(&mdf__sim_ec_keys[i]);
    if (!c->rsa[i] || !c->ec[i] || rsa_public(c->rsa[i], &c->rsa_pub[i]) ||
        ec_public(c->ec[i], &c->ec_pub[i]))
      goto fail;
  }
  c->des = EVP_CIPHER_CTX_new();
  if (!c->des)
    goto fail;
  *out = c;
  return MDF_OK;
fail:
  mdf__sim_crypto_free(c);
  return err;
}

void mdf__sim_crypto_free(mdf__sim_crypto_t *c) {
  if (!c)
    return;
  for (int i = 0; i < MDF__SIM_POOL; i++) {
    EVP_PKEY_free(c->rsa[i]);
    EVP_PKEY_free(c->ec[i]);
  }
  EVP_CIPHER_CTX_free(c->des);
  free(c);
}

bool mdf__sim_3des(mdf__sim_crypto_t *c, const uint8_t in[8], uint8_t out[8]) {
  int n = 0;
  return EVP_EncryptInit_ex(c->des, EVP_des_ede3_ecb(), NULL, admin_key, NULL) &&
         EVP_CIPHER_CTX_set_padding(c->des, 0) && EVP_EncryptUpdate(c->des, out, &n, in, 8) &&
         n == 8;
}

/* Key slot of a reference, or MDF__SIM_NONE. */
static uint8_t key_of(const mdf__sim_state_t *st, uint8_t ref) {
  return ref >= 1 && ref <= MDF__SIM_KEY_SLOTS ? st->keys[ref - 1] : MDF__SIM_NONE;
}

static EVP_PKEY *pkey(mdf__sim_crypto_t *c, uint8_t slot) {
  return slot & MDF__SIM_KEY_EC ? c->ec[slot & 0x7F] : c->rsa[slot];
}

uint16_t mdf__sim_mse(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len) {
  mdf__sim_state_t *st = &sim->st;
  (void)out_len;
  if (a->p1 != 0x41 || (a->p2 != 0xB6 && a->p2 != 0xB8))
    return SW_WRONG_P1P2;
  if (a->lc != 3)
    return SW_WRONG_LENGTH;
  if (a->data[0] != 0x84 || a->data[1] != 0x01)
    return SW_WRONG_DATA;
  uint8_t ref = a->data[2], slot = key_of(st, ref);
  if (slot == MDF__SIM_NONE || (a->p2 == 0xB8 && (slot & MDF__SIM_KEY_EC)))
    return SW_REF_NOT_FOUND;
  if (a->p2 == 0xB6)
    st->se_sign = ref;
  else
    st->se_decipher = ref;
  return SW_OK;
}

/* One EVP_PKEY sign or decrypt with the given RSA padding (0: not RSA). */
static bool pkey_op(EVP_PKEY *k, bool decrypt, int padding, uint8_t *out, size_t *out_len,
                    const uint8_t *in, size_t in_len) {
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, k, NULL);
  bool ok = ctx && (decrypt ? EVP_PKEY_decrypt_init(ctx) : EVP_PKEY_sign_init(ctx)) > 0 &&
            (!padding || EVP_PKEY_CTX_set_rsa_padding(ctx, padding) > 0) &&
            (decrypt ? EVP_PKEY_decrypt(ctx, out, out_len, in, in_len)
                     : EVP_PKEY_sign(ctx, out, out_len, in, in_len)) > 0;
  EVP_PKEY_CTX_free(ctx);
  return ok;
}

static uint16_t ecdsa_sign(EVP_PKEY *k, const uint8_t *hash, size_t len, uint8_t *out,
                           size_t *out_len) {
  uint8_t der[80];
  size_t der_len = sizeof(der);
  const BIGNUM *r, *s;
  if (!pkey_op(k, false, 0, der, &der_len, hash, len))
    return SW_UNKNOWN;
  const unsigned char *p = der;
  ECDSA_SIG *sig = d2i_ECDSA_SIG(NULL, &p, (long)der_len);
  if (!sig)
    return SW_UNKNOWN;
  ECDSA_SIG_get0(sig, &r, &s);
  bool ok = BN_bn2binpad(r, out, 32) == 32 && BN_bn2binpad(s, out + 32, 32) == 32;
  ECDSA_SIG_free(sig);
  if (!ok)
    return SW_UNKNOWN;
  *out_len = 64;
  return SW_OK;
}

static uint16_t sign(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len) {
  mdf__sim_state_t *st = &sim->st;
  uint8_t slot = key_of(st, st->se_sign);
  if (slot == MDF__SIM_NONE)
    return SW_COND_NOT_SATISFIED;
  EVP_PKEY *k = pkey(sim->crypto, slot);
  if (slot & MDF__SIM_KEY_EC) {
    if (a->lc < 1 || a->lc > 64)
      return SW_WRONG_LENGTH;
    return ecdsa_sign(k, a->data, a->lc, st->resp, out_len);
  }
  if (a->lc < 1 || (a->lc > PKCS1_MAX && a->lc != RSA_BYTES))
    return SW_WRONG_LENGTH;
  size_t n = RSA_BYTES;
  int pad = a->lc == RSA_BYTES ? RSA_NO_PADDING : RSA_PKCS1_PADDING;
  if (!pkey_op(k, false, pad, st->resp, &n, a->data, a->lc) || n != RSA_BYTES)
    return SW_WRONG_DATA; /* raw input not below the modulus */
  *out_len = n;
  return SW_OK;
}

static uint16_t decipher(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len) {
  mdf__sim_state_t *st = &sim->st;
  uint8_t slot = key_of(st, st->se_decipher);
  if (slot == MDF__SIM_NONE || (slot & MDF__SIM_KEY_EC))
    return SW_COND_NOT_SATISFIED;
  if (a->lc != RSA_BYTES + 1)
    return SW_WRONG_LENGTH;
  if (a->data[0] != 0x00)
    return SW_WRONG_DATA;
  size_t n = RSA_BYTES;
  if (!pkey_op(pkey(sim->crypto, slot), true, RSA_NO_PADDING, st->resp, &n, a->data + 1,
               RSA_BYTES) ||
      n != RSA_BYTES)
    return SW_WRONG_DATA;
  *out_len = n;
  return SW_OK;
}

uint16_t mdf__sim_pso(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len) {
  bool is_sign = a->p1 == 0x9E && a->p2 == 0x9A, is_dec = a->p1 == 0x80 && a->p2 == 0x86;
  if (!is_sign && !is_dec)
    return SW_WRONG_P1P2;
  if (!sim->st.user_verified)
    return SW_SEC_NOT_SATISFIED;
  return is_sign ? sign(sim, a, out_len) : decipher(sim, a, out_len);
}

uint16_t mdf__sim_keypair(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len) {
  mdf__sim_state_t *st = &sim->st;
  if ((a->p1 != 0x80 && a->p1 != 0x81) || a->p2 != 0x00)
    return SW_WRONG_P1P2;
  if (a->lc != 5)
    return SW_WRONG_LENGTH;
  const uint8_t *d = a->data;
  if (d[0] != 0xB6 || d[1] != 0x03 || d[2] != 0x84 || d[3] != 0x01)
    return SW_WRONG_DATA;
  uint8_t ref = d[4];
  if (ref < 1 || ref > MDF__SIM_KEY_SLOTS)
    return SW_REF_NOT_FOUND;
  if (a->p1 == 0x80) {
    if (!st->user_verified)
      return SW_SEC_NOT_SATISFIED;
    /* Odd references hold RSA-2048 keys, even ones ECC P-256: the pool
     * cycles through keys 1..4 of that kind. */
    if (ref & 1) {
      st->keys[ref - 1] = st->next_rsa;
      st->next_rsa = (uint8_t)(st->next_rsa % (MDF__SIM_POOL - 1) + 1);
    } else {
      st->keys[ref - 1] = (uint8_t)(MDF__SIM_KEY_EC | st->next_ec);
      st->next_ec = (uint8_t)(st->next_ec % (MDF__SIM_POOL - 1) + 1);
    }
  }
  uint8_t slot = st->keys[ref - 1];
  if (slot == MDF__SIM_NONE)
    return SW_REF_NOT_FOUND;
  const mdf__sim_pubkey_t *pk =
      slot & MDF__SIM_KEY_EC ? &sim->crypto->ec_pub[slot & 0x7F] : &sim->crypto->rsa_pub[slot];
  memcpy(st->resp, pk->tlv, pk->len);
  *out_len = pk->len;
  return SW_OK;
}
