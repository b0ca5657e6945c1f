/* mdfuzz clean-room Windows ABI: the CNG (bcrypt/ncrypt) items minidrivers use.
 *
 * Padding-info structs that CardSignData / CardRSADecrypt receive through
 * pPaddingInfo, ECC/RSA key-blob headers for public keys, algorithm and
 * chaining-mode names (16-bit wide literals), and the buffer descriptors of
 * CardDeriveKey's parameter list.  Types and constants only. */
#ifndef MDF_COMPAT_BCRYPT_H
#define MDF_COMPAT_BCRYPT_H

#include "mdf_wintypes.h"

MDF_EXTERN_C_BEGIN

typedef PVOID BCRYPT_HANDLE, BCRYPT_ALG_HANDLE, BCRYPT_KEY_HANDLE, BCRYPT_HASH_HANDLE,
    BCRYPT_SECRET_HANDLE;
typedef ULONG_PTR NCRYPT_HANDLE, NCRYPT_PROV_HANDLE, NCRYPT_KEY_HANDLE, NCRYPT_SECRET_HANDLE;
typedef UCHAR *PUCHAR;

#define BCRYPT_SUCCESS(status) (((NTSTATUS)(status)) >= 0)

/* pPaddingInfo of CardSignData with CARD_PADDING_PKCS1 / _PSS. */
typedef struct _BCRYPT_PKCS1_PADDING_INFO {
  LPCWSTR pszAlgId;
} BCRYPT_PKCS1_PADDING_INFO;
typedef struct _BCRYPT_PSS_PADDING_INFO {
  LPCWSTR pszAlgId;
  ULONG cbSalt;
} BCRYPT_PSS_PADDING_INFO;
/* pPaddingInfo of CardRSADecrypt with CARD_PADDING_OAEP. */
typedef struct _BCRYPT_OAEP_PADDING_INFO {
  LPCWSTR pszAlgId;
  PUCHAR pbLabel;
  ULONG cbLabel;
} BCRYPT_OAEP_PADDING_INFO;

/* BCrypt padding flags. */
#define BCRYPT_PAD_NONE 0x00000001
#define BCRYPT_PAD_PKCS1 0x00000002
#define BCRYPT_PAD_OAEP 0x00000004
#define BCRYPT_PAD_PSS 0x00000008
#define BCRYPT_BLOCK_PADDING 0x00000001

/* Algorithm names. */
#define BCRYPT_RSA_ALGORITHM L"RSA"
#define BCRYPT_RSA_SIGN_ALGORITHM L"RSA_SIGN"
#define BCRYPT_DH_ALGORITHM L"DH"
#define BCRYPT_DSA_ALGORITHM L"DSA"
#define BCRYPT_RC2_ALGORITHM L"RC2"
#define BCRYPT_RC4_ALGORITHM L"RC4"
#define BCRYPT_AES_ALGORITHM L"AES"
#define BCRYPT_DES_ALGORITHM L"DES"
#define BCRYPT_DESX_ALGORITHM L"DESX"
#define BCRYPT_3DES_ALGORITHM L"3DES"
#define BCRYPT_3DES_112_ALGORITHM L"3DES_112"
#define BCRYPT_MD2_ALGORITHM L"MD2"
#define BCRYPT_MD4_ALGORITHM L"MD4"
#define BCRYPT_MD5_ALGORITHM L"MD5"
#define BCRYPT_SHA1_ALGORITHM L"SHA1"
#define BCRYPT_SHA256_ALGORITHM L"SHA256"
#define BCRYPT_SHA384_ALGORITHM L"SHA384"
#define BCRYPT_SHA512_ALGORITHM L"SHA512"
#define BCRYPT_ECDSA_ALGORITHM L"ECDSA"
#define BCRYPT_ECDH_ALGORITHM L"ECDH"
#define BCRYPT_ECDSA_P256_ALGORITHM L"ECDSA_P256"
#define BCRYPT_ECDSA_P384_ALGORITHM L"ECDSA_P384"
#define BCRYPT_ECDSA_P521_ALGORITHM L"ECDSA_P521"
#define BCRYPT_ECDH_P256_ALGORITHM L"ECDH_P256"
#define BCRYPT_ECDH_P384_ALGORITHM L"ECDH_P384"
#define BCRYPT_ECDH_P521_ALGORITHM L"ECDH_P521"

/* Chaining modes and the property names a key carries. */
#define BCRYPT_CHAINING_MODE L"ChainingMode"
#define BCRYPT_BLOCK_LENGTH L"BlockLength"
#define BCRYPT_KEY_LENGTH L"KeyLength"
#define BCRYPT_INITIALIZATION_VECTOR L"IV"
#define BCRYPT_CHAIN_MODE_NA L"ChainingModeN/A"
#define BCRYPT_CHAIN_MODE_CBC L"ChainingModeCBC"
#define BCRYPT_CHAIN_MODE_ECB L"ChainingModeECB"
#define BCRYPT_CHAIN_MODE_CFB L"ChainingModeCFB"
#define BCRYPT_CHAIN_MODE_CCM L"ChainingModeCCM"
#define BCRYPT_CHAIN_MODE_GCM L"ChainingModeGCM"

/* Key-blob type names. */
#define BCRYPT_PUBLIC_KEY_BLOB L"PUBLICBLOB"
#define BCRYPT_PRIVATE_KEY_BLOB L"PRIVATEBLOB"
#define BCRYPT_RSAPUBLIC_BLOB L"RSAPUBLICBLOB"
#define BCRYPT_RSAPRIVATE_BLOB L"RSAPRIVATEBLOB"
#define BCRYPT_RSAFULLPRIVATE_BLOB L"RSAFULLPRIVATEBLOB"
#define BCRYPT_ECCPUBLIC_BLOB L"ECCPUBLICBLOB"
#define BCRYPT_ECCPRIVATE_BLOB L"ECCPRIVATEBLOB"
#define BCRYPT_KEY_DATA_BLOB L"KeyDataBlob"
#define BCRYPT_OPAQUE_KEY_BLOB L"OpaqueKeyBlob"

/* RSA key blob header; exponent and modulus follow, big endian. */
typedef struct _BCRYPT_RSAKEY_BLOB {
  ULONG Magic;
  ULONG BitLength;
  ULONG cbPublicExp;
  ULONG cbModulus;
  ULONG cbPrime1;
  ULONG cbPrime2;
} BCRYPT_RSAKEY_BLOB;
#define BCRYPT_RSAPUBLIC_MAGIC 0x31415352u      /* 'RSA1' */
#define BCRYPT_RSAPRIVATE_MAGIC 0x32415352u     /* 'RSA2' */
#define BCRYPT_RSAFULLPRIVATE_MAGIC 0x33415352u /* 'RSA3' */

/* ECC key blob header; X then Y (then d) follow, each cbKey bytes, big endian. */
typedef struct _BCRYPT_ECCKEY_BLOB {
  ULONG dwMagic;
  ULONG cbKey;
} BCRYPT_ECCKEY_BLOB, *PBCRYPT_ECCKEY_BLOB;
#define BCRYPT_ECDH_PUBLIC_P256_MAGIC 0x314B4345u   /* 'ECK1' */
#define BCRYPT_ECDH_PRIVATE_P256_MAGIC 0x324B4345u  /* 'ECK2' */
#define BCRYPT_ECDH_PUBLIC_P384_MAGIC 0x334B4345u   /* 'ECK3' */
#define BCRYPT_ECDH_PRIVATE_P384_MAGIC 0x344B4345u  /* 'ECK4' */
#define BCRYPT_ECDH_PUBLIC_P521_MAGIC 0x354B4345u   /* 'ECK5' */
#define BCRYPT_ECDH_PRIVATE_P521_MAGIC 0x364B4345u  /* 'ECK6' */
#define BCRYPT_ECDSA_PUBLIC_P256_MAGIC 0x31534345u  /* 'ECS1' */
#define BCRYPT_ECDSA_PRIVATE_P256_MAGIC 0x32534345u /* 'ECS2' */
#define BCRYPT_ECDSA_PUBLIC_P384_MAGIC 0x33534345u  /* 'ECS3' */
#define BCRYPT_ECDSA_PRIVATE_P384_MAGIC 0x34534345u /* 'ECS4' */
#define BCRYPT_ECDSA_PUBLIC_P521_MAGIC 0x35534345u  /* 'ECS5' */
#define BCRYPT_ECDSA_PRIVATE_P521_MAGIC 0x36534345u /* 'ECS6' */

/* Parameter lists (CARD_DERIVE_KEY.pParameterList). */
typedef struct _BCryptBuffer {
  ULONG cbBuffer;
  ULONG BufferType;
  PVOID pvBuffer;
} BCryptBuffer, *PBCryptBuffer;
typedef struct _BCryptBufferDesc {
  ULONG ulVersion;
  ULONG cBuffers;
  PBCryptBuffer pBuffers;
} BCryptBufferDesc, *PBCryptBufferDesc;
typedef BCryptBuffer NCryptBuffer, *PNCryptBuffer;
typedef BCryptBufferDesc NCryptBufferDesc, *PNCryptBufferDesc;
#define BCRYPTBUFFER_VERSION 0
#define NCRYPTBUFFER_VERSION 0

/* Key-derivation functions and their parameter buffer types. */
#define BCRYPT_KDF_HASH L"HASH"
#define BCRYPT_KDF_HMAC L"HMAC"
#define BCRYPT_KDF_TLS_PRF L"TLS_PRF"
#define BCRYPT_KDF_SP80056A_CONCAT L"SP800_56A_CONCAT"
#define KDF_HASH_ALGORITHM 0x0
#define KDF_SECRET_PREPEND 0x1
#define KDF_SECRET_APPEND 0x2
#define KDF_HMAC_KEY 0x3
#define KDF_TLS_PRF_LABEL 0x4
#define KDF_TLS_PRF_SEED 0x5
#define KDF_SECRET_HANDLE 0x6
#define KDF_TLS_PRF_PROTOCOL 0x7
#define KDF_ALGORITHMID 0x8
#define KDF_PARTYUINFO 0x9
#define KDF_PARTYVINFO 0xA
#define KDF_SUPPPUBINFO 0xB
#define KDF_SUPPPRIVINFO 0xC

MDF_EXTERN_C_END

#endif
