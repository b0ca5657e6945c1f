/* mdfuzz clean-room Windows ABI: the CryptoAPI items minidrivers use.
 *
 * Only types and constants: algorithm identifiers (ALG_ID / CALG_*), key
 * specs, the key-blob headers that CardGetContainerInfo and
 * CardCreateContainer exchange, and the signing flags.  Values are facts
 * from the public CryptoAPI documentation.  No crypt32 functions here. */
#ifndef MDF_COMPAT_WINCRYPT_H
#define MDF_COMPAT_WINCRYPT_H

#include "mdf_wintypes.h"

MDF_EXTERN_C_BEGIN

/* Key specs (CONTAINER_INFO, CardCreateContainer dwKeySpec). */
#define AT_KEYEXCHANGE 1
#define AT_SIGNATURE 2

/* ALG_ID is built from a class, a type and a sub-id. */
#define GET_ALG_CLASS(x) ((x) & (7 << 13))
#define GET_ALG_TYPE(x) ((x) & (15 << 9))
#define GET_ALG_SID(x) ((x)&511)
#define ALG_CLASS_ANY 0
#define ALG_CLASS_SIGNATURE (1 << 13)
#define ALG_CLASS_MSG_ENCRYPT (2 << 13)
#define ALG_CLASS_DATA_ENCRYPT (3 << 13)
#define ALG_CLASS_HASH (4 << 13)
#define ALG_CLASS_KEY_EXCHANGE (5 << 13)
#define ALG_CLASS_ALL (7 << 13)
#define ALG_TYPE_ANY 0
#define ALG_TYPE_DSS (1 << 9)
#define ALG_TYPE_RSA (2 << 9)
#define ALG_TYPE_BLOCK (3 << 9)
#define ALG_TYPE_STREAM (4 << 9)
#define ALG_TYPE_DH (5 << 9)
#define ALG_TYPE_SECURECHANNEL (6 << 9)
#define ALG_TYPE_ECDH (7 << 9)

/* Algorithm identifiers (numeric values; the class/type/sid split above
 * documents where they come from). */
#define CALG_MD2 0x00008001u
#define CALG_MD4 0x00008002u
#define CALG_MD5 0x00008003u
#define CALG_SHA1 0x00008004u
#define CALG_SHA CALG_SHA1
#define CALG_MAC 0x00008005u
#define CALG_SSL3_SHAMD5 0x00008008u
#define CALG_HMAC 0x00008009u
#define CALG_TLS1PRF 0x0000800au
#define CALG_SHA_256 0x0000800cu
#define CALG_SHA_384 0x0000800du
#define CALG_SHA_512 0x0000800eu
#define CALG_RSA_SIGN 0x00002400u
#define CALG_DSS_SIGN 0x00002200u
#define CALG_ECDSA 0x00002203u
#define CALG_RSA_KEYX 0x0000a400u
#define CALG_DH_SF 0x0000aa01u
#define CALG_DH_EPHEM 0x0000aa02u
#define CALG_ECDH 0x0000aa05u
#define CALG_ECDH_EPHEM 0x0000ae06u
#define CALG_DES 0x00006601u
#define CALG_RC2 0x00006602u
#define CALG_3DES 0x00006603u
#define CALG_DESX 0x00006604u
#define CALG_3DES_112 0x00006609u
#define CALG_AES_128 0x0000660eu
#define CALG_AES_192 0x0000660fu
#define CALG_AES_256 0x00006610u
#define CALG_AES 0x00006611u
#define CALG_RC4 0x00006801u

/* Key-blob types and version (BLOBHEADER.bType / bVersion). */
#define SIMPLEBLOB 0x1
#define PUBLICKEYBLOB 0x6
#define PRIVATEKEYBLOB 0x7
#define PLAINTEXTKEYBLOB 0x8
#define OPAQUEKEYBLOB 0x9
#define PUBLICKEYBLOBEX 0xA
#define SYMMETRICWRAPKEYBLOB 0xB
#define KEYSTATEBLOB 0xC
#define CUR_BLOB_VERSION 2

/* CAPI key blobs start with this 8-byte header. */
typedef struct _PUBLICKEYSTRUC {
  BYTE bType;
  BYTE bVersion;
  WORD reserved;
  ALG_ID aiKeyAlg;
} BLOBHEADER, PUBLICKEYSTRUC;

/* RSA public part following the header; the modulus follows, little endian. */
typedef struct _RSAPUBKEY {
  DWORD magic;
  DWORD bitlen;
  DWORD pubexp;
} RSAPUBKEY;

/* 'RSA1' (public) and 'RSA2' (private) read as little-endian DWORDs. */
#define MDF_RSA1_MAGIC 0x31415352u
#define MDF_RSA2_MAGIC 0x32415352u

/* CryptSignHash-style flags a CSP may pass in CARD_SIGNING_INFO. */
#define CRYPT_NOHASHOID 0x00000001
#define CRYPT_TYPE2_FORMAT 0x00000002
#define CRYPT_X931_FORMAT 0x00000004

/* CryptAcquireContext flags a card module may see or mirror. */
#define CRYPT_VERIFYCONTEXT 0xF0000000u
#define CRYPT_NEWKEYSET 0x00000008
#define CRYPT_DELETEKEYSET 0x00000010
#define CRYPT_MACHINE_KEYSET 0x00000020
#define CRYPT_SILENT 0x00000040
#define PROV_RSA_FULL 1
#define PROV_RSA_AES 24

/* Handles are pointer-sized. */
typedef ULONG_PTR HCRYPTPROV, HCRYPTKEY, HCRYPTHASH;

/* A counted byte string (certificates, key material). */
typedef struct _CRYPTOAPI_BLOB {
  DWORD cbData;
  BYTE *pbData;
} CRYPT_DATA_BLOB, *PCRYPT_DATA_BLOB, CRYPT_INTEGER_BLOB, *PCRYPT_INTEGER_BLOB, CRYPT_OBJID_BLOB,
    CERT_BLOB, *PCERT_BLOB, DATA_BLOB, *PDATA_BLOB;

MDF_EXTERN_C_END

#endif
