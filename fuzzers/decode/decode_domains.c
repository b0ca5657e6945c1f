/* Shared argument domains and struct descriptors (include/mdfuzz/fuzzers/exports.h).
 * Values are facts of the minidriver specification (constants in
 * compat/include/cardmod.h); honest values first. */
#include <stddef.h>

#include "mdfuzz/fuzzers/exports.h"

#define N(a) ((uint8_t)(sizeof(a) / sizeof((a)[0])))
#define NV(x)                                                                                      \
  { #x, (uint32_t)(x) }

/* ---- names ---------------------------------------------------------------- */

static const char *const dirs[] = {"mscp", "mscerts", "", "toolongdir"};
const mdf_domain_t mdf_dom_dir = {"directory", NULL, 0, dirs, N(dirs), NULL, 0, NULL, 0};

/* NULL and "" are choices too (their positions keep old seeds decoding alike). */
static const char *const files[] = {"cardid", "cardcf",  "cardapps", "cmapfile", "kxc00",
                                    "ksc01",  "msroots", "kxc01",    NULL,       ""};
const mdf_domain_t mdf_dom_file = {"file", NULL, 0, files, N(files), NULL, 0, NULL, 0};

/* ---- wide strings ----------------------------------------------------------- */

static const char *const user_ids[] = {"user", "admin", "anonymous", "User"};
const mdf_domain_t mdf_dom_user_id = {"user id", NULL, 0, user_ids, N(user_ids), NULL, 0, NULL, 0};

static const char *const card_props[] = {"Free Space",          "Capabilities",
                                         "Key Sizes",           "Read Only Mode",
                                         "Cache Mode",          "Supports Windows x.509 Enrollment",
                                         "Card Identifier",     "Card Serial Number",
                                         "PIN Information",     "PIN List",
                                         "Authenticated State", "PIN Strength Verify",
                                         "PIN Strength Change", "PIN Strength Unblock",
                                         "Parent Window",       "PIN Context String",
                                         "Key Import Support",  "Algorithms",
                                         "Padding Schemes",     "Chaining Modes"};
const mdf_domain_t mdf_dom_card_prop = {
    "card property", NULL, 0, card_props, N(card_props), NULL, 0, NULL, 0};

static const char *const cont_props[] = {"Container Info", "PIN Identifier", "Associated ECDH Key"};
const mdf_domain_t mdf_dom_cont_prop = {
    "container property", NULL, 0, cont_props, N(cont_props), NULL, 0, NULL, 0};

static const char *const key_props[] = {"ChainingMode", "IV", "BlockLength"};
const mdf_domain_t mdf_dom_key_prop = {"key property", NULL, 0,    key_props, N(key_props),
                                       NULL,           0,    NULL, 0};

static const char *const alg_ids[] = {"SHA256", "SHA1",      "SHA384",     "SHA512",
                                      "MD5",    "AES",       "3DES",       "3DES_112",
                                      "RSA",    "ECDH_P256", "ECDSA_P256", "ECDH_P384"};
const mdf_domain_t mdf_dom_alg_id = {"algorithm id", NULL, 0,    alg_ids, N(alg_ids),
                                     NULL,           0,    NULL, 0};

static const char *const blob_types[] = {"KeyDataBlob",    "OpaqueKeyBlob", "RSAPUBLICBLOB",
                                         "RSAPRIVATEBLOB", "ECCPUBLICBLOB", "ECCPRIVATEBLOB",
                                         "PUBLICBLOB",     "PRIVATEBLOB"};
const mdf_domain_t mdf_dom_blob_type = {"blob type", NULL, 0,    blob_types, N(blob_types),
                                        NULL,        0,    NULL, 0};

static const char *const secure_fns[] = {"Import Key Pair", "Change Authenticator", "Authenticate"};
const mdf_domain_t mdf_dom_secure_fn = {
    "secure function", NULL, 0, secure_fns, N(secure_fns), NULL, 0, NULL, 0};

static const char *const kdfs[] = {"HASH", "HMAC", "TLS_PRF", "SP800_56A_CONCAT"};
const mdf_domain_t mdf_dom_kdf = {"KDF", NULL, 0, kdfs, N(kdfs), NULL, 0, NULL, 0};

/* ---- DWORD / BYTE values ------------------------------------------------------ */

static const mdf_named_t key_specs[] = {NV(AT_KEYEXCHANGE), NV(AT_SIGNATURE),  NV(AT_ECDSA_P256),
                                        NV(AT_ECDSA_P384),  NV(AT_ECDSA_P521), NV(AT_ECDHE_P256),
                                        NV(AT_ECDHE_P384),  NV(AT_ECDHE_P521), {"0", 0}};
const mdf_domain_t mdf_dom_key_spec = {"key spec", key_specs, N(key_specs), NULL, 0,
                                       NULL,       0,         NULL,         0};

static const mdf_named_t key_sizes[] = {{"2048", 2048}, {"1024", 1024}, {"256", 256},
                                        {"384", 384},   {"521", 521},   {"4096", 4096},
                                        {"512", 512},   {"0", 0},       {"1", 1}};
const mdf_domain_t mdf_dom_key_size = {"key size", key_sizes, N(key_sizes), NULL, 0,
                                       NULL,       0,         NULL,         0};

static const mdf_named_t pin_ids[] = {NV(ROLE_USER), NV(ROLE_ADMIN),         NV(ROLE_EVERYONE),
                                      {"3", 3},      {"MAX_PINS", MAX_PINS}, {"7", 7}};
const mdf_domain_t mdf_dom_pin_id = {"PIN id", pin_ids, N(pin_ids), NULL, 0, NULL, 0, NULL, 0};

static const mdf_named_t pin_sets[] = {{"CREATE_PIN_SET(ROLE_USER)", 1u << ROLE_USER},
                                       {"CREATE_PIN_SET(ROLE_ADMIN)", 1u << ROLE_ADMIN},
                                       NV(PIN_SET_ALL_ROLES),
                                       NV(PIN_SET_NONE),
                                       {"CREATE_PIN_SET(ROLE_EVERYONE)", 1u << ROLE_EVERYONE},
                                       {"0x100", 0x100}};
const mdf_domain_t mdf_dom_pin_set = {"PIN set", pin_sets, N(pin_sets), NULL, 0, NULL, 0, NULL, 0};

static const mdf_named_t retries[] = {{"0", 0}, {"3", 3}, {"1", 1}, {"15", 15}, {"255", 255}};
const mdf_domain_t mdf_dom_retry = {"retry count", retries, N(retries), NULL, 0, NULL, 0, NULL, 0};

static const mdf_named_t containers[] = {{"0", 0}, {"1", 1},   {"2", 2},     {"7", 7},
                                         {"8", 8}, {"15", 15}, {"254", 254}, {"255", 255}};
const mdf_domain_t mdf_dom_container = {
    "container index", containers, N(containers), NULL, 0, NULL, 0, NULL, 0};

static const mdf_named_t dir_acs[] = {
    NV(UserCreateDeleteDirAc), NV(AdminCreateDeleteDirAc), NV(InvalidDirAc), {"3", 3}};
const mdf_domain_t mdf_dom_dir_ac = {
    "directory access condition", dir_acs, N(dir_acs), NULL, 0, NULL, 0, NULL, 0};

static const mdf_named_t file_acs[] = {NV(EveryoneReadUserWriteAc),
                                       NV(UserWriteExecuteAc),
                                       NV(EveryoneReadAdminWriteAc),
                                       NV(UnknownAc),
                                       NV(UserReadWriteAc),
                                       NV(AdminReadWriteAc),
                                       NV(InvalidAc),
                                       {"7", 7}};
const mdf_domain_t mdf_dom_file_ac = {
    "file access condition", file_acs, N(file_acs), NULL, 0, NULL, 0, NULL, 0};

static const mdf_named_t file_sizes[] = {{"16", 16},      {"0", 0},       {"1", 1},
                                         {"256", 256},    {"4096", 4096}, {"65535", 65535},
                                         {"65536", 65536}};
const mdf_domain_t mdf_dom_file_size = {
    "initial file size", file_sizes, N(file_sizes), NULL, 0, NULL, 0, NULL, 0};

/* ---- buffers -------------------------------------------------------------------- */

static const uint8_t user_pin[] = {'1', '2', '3', '4'};
const mdf_domain_t mdf_dom_user_pin = {"user PIN", NULL, 0, NULL, 0, NULL, 4, user_pin, 4};
static const uint8_t admin_pin[] = {'1', '2', '3', '4', '5', '6', '7', '8'};
const mdf_domain_t mdf_dom_admin_pin = {"admin PIN", NULL, 0, NULL, 0, NULL, 8, admin_pin, 8};
const mdf_domain_t mdf_dom_prop_buf = {"property buffer", NULL, 0, NULL, 0, NULL, 256, NULL, 0};

/* ---- struct descriptors ------------------------------------------------------------ */

#define OFF(T, m) ((uint16_t)offsetof(T, m))
#define F(kind, T, m, dom)                                                                         \
  { kind, #m, NULL, dom, OFF(T, m), 0, 0, MDF_ROLE_NONE }
#define FV(kind, T, m, dom, v)                                                                     \
  { kind, #m, NULL, dom, OFF(T, m), 0, v, MDF_ROLE_NONE }
#define FP(kind, T, m, m2, dom, v)                                                                 \
  { kind, #m, #m2, dom, OFF(T, m), OFF(T, m2), v, MDF_ROLE_NONE }
#define V1(T)                                                                                      \
  1, {                                                                                             \
    { 1, sizeof(T) }                                                                               \
  }

static const mdf_arg_spec_t caps_f[] = {
    F(MDF_ARG_OUT_VAL, CARD_CAPABILITIES, fCertificateCompression, NULL),
    F(MDF_ARG_OUT_VAL, CARD_CAPABILITIES, fKeyGen, NULL)};
const mdf_struct_desc_t mdf_sd_card_capabilities = {"CARD_CAPABILITIES", 1, V1(CARD_CAPABILITIES),
                                                    N(caps_f), caps_f};

static const mdf_arg_spec_t cinfo_f[] = {
    F(MDF_ARG_OUT_VAL, CONTAINER_INFO, dwReserved, NULL),
    FP(MDF_ARG_OUT_VAL, CONTAINER_INFO, cbSigPublicKey, pbSigPublicKey, NULL, 0),
    FP(MDF_ARG_OUT_VAL, CONTAINER_INFO, cbKeyExPublicKey, pbKeyExPublicKey, NULL, 0)};
const mdf_struct_desc_t mdf_sd_container_info = {"CONTAINER_INFO", 1, V1(CONTAINER_INFO),
                                                 N(cinfo_f), cinfo_f};

static const mdf_arg_spec_t finfo_f[] = {F(MDF_ARG_OUT_VAL, CARD_FILE_INFO, cbFileSize, NULL),
                                         F(MDF_ARG_OUT_VAL, CARD_FILE_INFO, AccessCondition, NULL)};
const mdf_struct_desc_t mdf_sd_card_file_info = {"CARD_FILE_INFO", 1, V1(CARD_FILE_INFO),
                                                 N(finfo_f), finfo_f};

static const mdf_arg_spec_t fs_f[] = {
    F(MDF_ARG_OUT_VAL, CARD_FREE_SPACE_INFO, dwBytesAvailable, NULL),
    F(MDF_ARG_OUT_VAL, CARD_FREE_SPACE_INFO, dwKeyContainersAvailable, NULL),
    F(MDF_ARG_OUT_VAL, CARD_FREE_SPACE_INFO, dwMaxKeyContainers, NULL)};
const mdf_struct_desc_t mdf_sd_free_space_info = {"CARD_FREE_SPACE_INFO", 1,
                                                  V1(CARD_FREE_SPACE_INFO), N(fs_f), fs_f};

static const mdf_arg_spec_t ks_f[] = {
    F(MDF_ARG_OUT_VAL, CARD_KEY_SIZES, dwMinimumBitlen, NULL),
    F(MDF_ARG_OUT_VAL, CARD_KEY_SIZES, dwDefaultBitlen, NULL),
    F(MDF_ARG_OUT_VAL, CARD_KEY_SIZES, dwMaximumBitlen, NULL),
    F(MDF_ARG_OUT_VAL, CARD_KEY_SIZES, dwIncrementalBitlen, NULL)};
const mdf_struct_desc_t mdf_sd_key_sizes = {"CARD_KEY_SIZES", 1, V1(CARD_KEY_SIZES), N(ks_f), ks_f};

/* Padding info: one descriptor for the BCRYPT_{PKCS1,PSS,OAEP}_PADDING_INFO
 * union; the builder lays out the members the padding type uses (cbSalt and
 * pbLabel share an offset). */
static const mdf_arg_spec_t pad_f[] = {
    F(MDF_ARG_WSTR, BCRYPT_OAEP_PADDING_INFO, pszAlgId, &mdf_dom_alg_id),
    F(MDF_ARG_DWORD, BCRYPT_PSS_PADDING_INFO, cbSalt, NULL),
    FP(MDF_ARG_IN_BUF, BCRYPT_OAEP_PADDING_INFO, pbLabel, cbLabel, NULL, 0)};
const mdf_struct_desc_t mdf_sd_padding_info = {
    "BCRYPT_PADDING_INFO", 0, 1, {{0, sizeof(BCRYPT_OAEP_PADDING_INFO)}}, N(pad_f), pad_f};
static const mdf_domain_t dom_padding = {"padding info",       NULL, 0,    NULL, 0,
                                         &mdf_sd_padding_info, 0,    NULL, 0};

static const mdf_named_t sign_flags[] = {NV(CARD_BUFFER_SIZE_ONLY), NV(CARD_PADDING_INFO_PRESENT)};
static const mdf_domain_t dom_sign_flags = {
    "signing flags", sign_flags, N(sign_flags), NULL, 0, NULL, 0, NULL, 0};
static const mdf_named_t pad_types[] = {NV(CARD_PADDING_PKCS1),
                                        NV(CARD_PADDING_PSS),
                                        NV(CARD_PADDING_NONE),
                                        NV(CARD_PADDING_OAEP),
                                        {"0", 0}};
static const mdf_domain_t dom_pad_type = {"padding type", pad_types, N(pad_types), NULL, 0,
                                          NULL,           0,         NULL,         0};
static const mdf_named_t hash_algs[] = {
    NV(CALG_SHA_256), NV(CALG_SHA1), NV(CALG_SHA_384), {"0", 0}, {"CALG_MD5", 0x8003}};
static const mdf_domain_t dom_hash_alg = {
    "hash algorithm", hash_algs, N(hash_algs), NULL, 0, NULL, 0, NULL, 0};
/* A SHA-256 sized hash (the sim card pads a DigestInfo itself). */
static const mdf_domain_t dom_hash = {"hash", NULL, 0, NULL, 0, NULL, 32, NULL, 0};
static const mdf_domain_t dom_cryptogram = {"cryptogram", NULL, 0, NULL, 0, NULL, 256, NULL, 0};

static const mdf_arg_spec_t sign_f[] = {
    F(MDF_ARG_BYTE, CARD_SIGNING_INFO, bContainerIndex, &mdf_dom_container),
    F(MDF_ARG_DWORD, CARD_SIGNING_INFO, dwKeySpec, &mdf_dom_key_spec),
    F(MDF_ARG_FLAGS, CARD_SIGNING_INFO, dwSigningFlags, &dom_sign_flags),
    F(MDF_ARG_DWORD, CARD_SIGNING_INFO, aiHashAlg, &dom_hash_alg),
    FP(MDF_ARG_IN_BUF, CARD_SIGNING_INFO, pbData, cbData, &dom_hash, 0),
    FP(MDF_ARG_OUT_VAL, CARD_SIGNING_INFO, pbSignedData, cbSignedData, NULL, 0),
    FV(MDF_ARG_STRUCT, CARD_SIGNING_INFO, pPaddingInfo, &dom_padding, 2),
    FV(MDF_ARG_DWORD, CARD_SIGNING_INFO, dwPaddingType, &dom_pad_type, 2)};
const mdf_struct_desc_t mdf_sd_signing_info = {
    "CARD_SIGNING_INFO",
    2,
    2,
    {{1, MDF_CARD_SIGNING_INFO_V1_SIZE}, {2, sizeof(CARD_SIGNING_INFO)}},
    N(sign_f),
    sign_f};

static const mdf_arg_spec_t dec_f[] = {
    F(MDF_ARG_BYTE, CARD_RSA_DECRYPT_INFO, bContainerIndex, &mdf_dom_container),
    F(MDF_ARG_DWORD, CARD_RSA_DECRYPT_INFO, dwKeySpec, &mdf_dom_key_spec),
    FP(MDF_ARG_IN_BUF, CARD_RSA_DECRYPT_INFO, pbData, cbData, &dom_cryptogram, 0),
    FV(MDF_ARG_STRUCT, CARD_RSA_DECRYPT_INFO, pPaddingInfo, &dom_padding, 2),
    FV(MDF_ARG_DWORD, CARD_RSA_DECRYPT_INFO, dwPaddingType, &dom_pad_type, 2)};
const mdf_struct_desc_t mdf_sd_rsa_decrypt_info = {
    "CARD_RSA_DECRYPT_INFO",
    2,
    2,
    {{1, MDF_CARD_RSA_DECRYPT_INFO_V1_SIZE}, {2, sizeof(CARD_RSA_DECRYPT_INFO)}},
    N(dec_f),
    dec_f};

/* An uncompressed P-256 point (0x04 || X || Y) as the honest public key. */
static const mdf_domain_t dom_ecc_point = {"ECC public key", NULL, 0, NULL, 0, NULL, 65, NULL, 0};
static const mdf_named_t dh_containers[] = {{"1", 1}, {"0", 0}, {"2", 2}, {"255", 255}};
static const mdf_domain_t dom_dh_container = {
    "container index", dh_containers, N(dh_containers), NULL, 0, NULL, 0, NULL, 0};
static const mdf_arg_spec_t dh_f[] = {
    F(MDF_ARG_BYTE, CARD_DH_AGREEMENT_INFO, bContainerIndex, &dom_dh_container),
    F(MDF_ARG_FLAGS, CARD_DH_AGREEMENT_INFO, dwFlags, NULL),
    FP(MDF_ARG_IN_BUF, CARD_DH_AGREEMENT_INFO, pbPublicKey, dwPublicKey, &dom_ecc_point, 0),
    FP(MDF_ARG_IN_BUF, CARD_DH_AGREEMENT_INFO, pbReserved, cbReserved, NULL, 0),
    F(MDF_ARG_OUT_VAL, CARD_DH_AGREEMENT_INFO, bSecretAgreementIndex, NULL)};
const mdf_struct_desc_t mdf_sd_dh_agreement_info = {
    "CARD_DH_AGREEMENT_INFO", 2, 1, {{2, sizeof(CARD_DH_AGREEMENT_INFO)}}, N(dh_f), dh_f};

/* One NCryptBuffer of CARD_DERIVE_KEY.pParameterList (the builder wraps the
 * array in an NCryptBufferDesc). */
static const mdf_named_t kdf_types[] = {NV(KDF_HASH_ALGORITHM),   NV(KDF_SECRET_PREPEND),
                                        NV(KDF_SECRET_APPEND),    NV(KDF_HMAC_KEY),
                                        NV(KDF_TLS_PRF_LABEL),    NV(KDF_TLS_PRF_SEED),
                                        NV(KDF_TLS_PRF_PROTOCOL), NV(KDF_SECRET_HANDLE)};
static const mdf_domain_t dom_kdf_type = {
    "KDF buffer type", kdf_types, N(kdf_types), NULL, 0, NULL, 0, NULL, 0};
/* "SHA256" as a wide string with its terminator. */
static const uint8_t sha256_w[] = {'S', 0, 'H', 0, 'A', 0, '2', 0, '5', 0, '6', 0, 0, 0};
static const mdf_domain_t dom_kdf_value = {"KDF buffer",    NULL, 0, NULL, 0, NULL, 0, sha256_w,
                                           sizeof(sha256_w)};
static const mdf_arg_spec_t nbuf_f[] = {
    F(MDF_ARG_DWORD, NCryptBuffer, BufferType, &dom_kdf_type),
    FP(MDF_ARG_IN_BUF, NCryptBuffer, pvBuffer, cbBuffer, &dom_kdf_value, 0)};
const mdf_struct_desc_t mdf_sd_ncrypt_buffer = {
    "NCryptBuffer", 0, 1, {{0, sizeof(NCryptBuffer)}}, N(nbuf_f), nbuf_f};
static const mdf_domain_t dom_params = {"KDF parameters",      NULL, 0,    NULL, 0,
                                        &mdf_sd_ncrypt_buffer, 1,    NULL, 0};

static const mdf_named_t derive_flags[] = {NV(CARD_BUFFER_SIZE_ONLY), NV(CARD_RETURN_KEY_HANDLE)};
static const mdf_domain_t dom_derive_flags = {
    "derive flags", derive_flags, N(derive_flags), NULL, 0, NULL, 0, NULL, 0};
static const mdf_named_t agreements[] = {{"0", 0}, {"1", 1}, {"255", 255}};
static const mdf_domain_t dom_agreement = {
    "agreement index", agreements, N(agreements), NULL, 0, NULL, 0, NULL, 0};
static const mdf_named_t key_lens[] = {{"0", 0}, {"16", 16}, {"32", 32}, {"24", 24}};
static const mdf_domain_t dom_key_len = {"key length", key_lens, N(key_lens), NULL, 0,
                                         NULL,         0,        NULL,        0};
static const mdf_arg_spec_t derive_f[] = {
    F(MDF_ARG_FLAGS, CARD_DERIVE_KEY, dwFlags, &dom_derive_flags),
    F(MDF_ARG_WSTR, CARD_DERIVE_KEY, pwszKDF, &mdf_dom_kdf),
    F(MDF_ARG_BYTE, CARD_DERIVE_KEY, bSecretAgreementIndex, &dom_agreement),
    F(MDF_ARG_ARRAY, CARD_DERIVE_KEY, pParameterList, &dom_params),
    FP(MDF_ARG_OUT_VAL, CARD_DERIVE_KEY, pbDerivedKey, cbDerivedKey, NULL, 0),
    FV(MDF_ARG_WSTR, CARD_DERIVE_KEY, pwszAlgId, &mdf_dom_alg_id, 2),
    FV(MDF_ARG_DWORD, CARD_DERIVE_KEY, dwKeyLen, &dom_key_len, 2),
    FV(MDF_ARG_OUT_VAL, CARD_DERIVE_KEY, hKey, NULL, 2)};
const mdf_struct_desc_t mdf_sd_derive_key = {
    "CARD_DERIVE_KEY", 2,       2, {{1, MDF_CARD_DERIVE_KEY_V1_SIZE}, {2, sizeof(CARD_DERIVE_KEY)}},
    N(derive_f),       derive_f};

static const mdf_named_t pin_types[] = {NV(AlphaNumericPinType),
                                        NV(ExternalPinType),
                                        NV(ChallengeResponsePinType),
                                        NV(EmptyPinType),
                                        {"4", 4}};
static const mdf_domain_t dom_pin_type = {"PIN type", pin_types, N(pin_types), NULL, 0,
                                          NULL,       0,         NULL,         0};
static const mdf_named_t pin_purposes[] = {
    NV(AuthenticationPin), NV(DigitalSignaturePin), NV(EncryptionPin),  NV(NonRepudiationPin),
    NV(AdministratorPin),  NV(PrimaryCardPin),      NV(UnblockOnlyPin), {"7", 7}};
static const mdf_domain_t dom_pin_purpose = {
    "PIN purpose", pin_purposes, N(pin_purposes), NULL, 0, NULL, 0, NULL, 0};
static const mdf_named_t cache_types[] = {
    NV(PinCacheNormal), NV(PinCacheTimed), NV(PinCacheNone), NV(PinCacheAlwaysPrompt), {"4", 4}};
static const mdf_domain_t dom_cache_type = {
    "PIN cache policy", cache_types, N(cache_types), NULL, 0, NULL, 0, NULL, 0};
static const mdf_named_t policy_versions[] = {
    NV(PIN_CACHE_POLICY_CURRENT_VERSION), {"0", 0}, {"7", 7}};
static const mdf_domain_t dom_policy_version = {
    "policy version", policy_versions, N(policy_versions), NULL, 0, NULL, 0, NULL, 0};
static const mdf_named_t pin_info_flags[] = {NV(PIN_INFO_REQUIRE_SECURE_ENTRY)};
static const mdf_domain_t dom_pin_info_flags = {
    "PIN info flags", pin_info_flags, N(pin_info_flags), NULL, 0, NULL, 0, NULL, 0};
static const mdf_arg_spec_t pin_info_f[] = {
    F(MDF_ARG_DWORD, PIN_INFO, PinType, &dom_pin_type),
    F(MDF_ARG_DWORD, PIN_INFO, PinPurpose, &dom_pin_purpose),
    F(MDF_ARG_DWORD, PIN_INFO, dwChangePermission, &mdf_dom_pin_set),
    F(MDF_ARG_DWORD, PIN_INFO, dwUnblockPermission, &mdf_dom_pin_set),
    {MDF_ARG_DWORD, "PinCachePolicy.dwVersion", NULL, &dom_policy_version,
     OFF(PIN_INFO, PinCachePolicy.dwVersion), 0, 0, MDF_ROLE_NONE},
    {MDF_ARG_DWORD, "PinCachePolicy.PinCachePolicyType", NULL, &dom_cache_type,
     OFF(PIN_INFO, PinCachePolicy.PinCachePolicyType), 0, 0, MDF_ROLE_NONE},
    {MDF_ARG_DWORD, "PinCachePolicy.dwPinCachePolicyInfo", NULL, NULL,
     OFF(PIN_INFO, PinCachePolicy.dwPinCachePolicyInfo), 0, 0, MDF_ROLE_NONE},
    F(MDF_ARG_FLAGS, PIN_INFO, dwFlags, &dom_pin_info_flags)};
const mdf_struct_desc_t mdf_sd_pin_info = {"PIN_INFO",
                                           PIN_INFO_CURRENT_VERSION,
                                           1,
                                           {{PIN_INFO_CURRENT_VERSION, sizeof(PIN_INFO)}},
                                           N(pin_info_f),
                                           pin_info_f};

static const mdf_arg_spec_t enc_f[] = {
    FP(MDF_ARG_IN_BUF, CARD_ENCRYPTED_DATA, pbEncryptedData, cbEncryptedData, NULL, 0)};
const mdf_struct_desc_t mdf_sd_encrypted_data = {
    "CARD_ENCRYPTED_DATA", 0, 1, {{0, sizeof(CARD_ENCRYPTED_DATA)}}, N(enc_f), enc_f};

/* v7 key injection: a header then trailing bytes (the IN_BUF member's
 * pointer offset is that of the flexible array; its length member says how
 * many follow).  Rows pass them as the bytes of an input buffer. */
static const mdf_arg_spec_t ikp_f[] = {
    F(MDF_ARG_BYTE, CARD_IMPORT_KEYPAIR, bContainerIndex, &mdf_dom_container),
    F(MDF_ARG_DWORD, CARD_IMPORT_KEYPAIR, PinId, &mdf_dom_pin_id),
    F(MDF_ARG_DWORD, CARD_IMPORT_KEYPAIR, dwKeySpec, &mdf_dom_key_spec),
    F(MDF_ARG_DWORD, CARD_IMPORT_KEYPAIR, dwKeySize, &mdf_dom_key_size),
    FP(MDF_ARG_IN_BUF, CARD_IMPORT_KEYPAIR, pbInput, cbInput, NULL, 0)};
const mdf_struct_desc_t mdf_sd_import_keypair = {
    "CARD_IMPORT_KEYPAIR", 7, 1, {{7, sizeof(CARD_IMPORT_KEYPAIR)}}, N(ikp_f), ikp_f};

static const mdf_named_t change_flags[] = {NV(PIN_CHANGE_FLAG_CHANGEPIN),
                                           NV(PIN_CHANGE_FLAG_UNBLOCK)};
static const mdf_domain_t dom_change_flags = {
    "change flags", change_flags, N(change_flags), NULL, 0, NULL, 0, NULL, 0};
static const mdf_arg_spec_t chg_f[] = {
    F(MDF_ARG_FLAGS, CARD_CHANGE_AUTHENTICATOR, dwFlags, &dom_change_flags),
    F(MDF_ARG_DWORD, CARD_CHANGE_AUTHENTICATOR, dwAuthenticatingPinId, &mdf_dom_pin_id),
    F(MDF_ARG_DWORD, CARD_CHANGE_AUTHENTICATOR, cbAuthenticatingPinData, NULL),
    F(MDF_ARG_DWORD, CARD_CHANGE_AUTHENTICATOR, dwTargetPinId, &mdf_dom_pin_id),
    F(MDF_ARG_DWORD, CARD_CHANGE_AUTHENTICATOR, cbTargetData, NULL),
    F(MDF_ARG_DWORD, CARD_CHANGE_AUTHENTICATOR, cRetryCount, &mdf_dom_retry),
    FP(MDF_ARG_IN_BUF, CARD_CHANGE_AUTHENTICATOR, pbData, cbTargetData, NULL, 0)};
const mdf_struct_desc_t mdf_sd_change_authenticator = {
    "CARD_CHANGE_AUTHENTICATOR", 7, 1, {{7, sizeof(CARD_CHANGE_AUTHENTICATOR)}}, N(chg_f), chg_f};

static const mdf_arg_spec_t auth_f[] = {
    F(MDF_ARG_FLAGS, CARD_AUTHENTICATE, dwFlags, NULL),
    F(MDF_ARG_DWORD, CARD_AUTHENTICATE, PinId, &mdf_dom_pin_id),
    FP(MDF_ARG_IN_BUF, CARD_AUTHENTICATE, pbPinData, cbPinData, &mdf_dom_user_pin, 0)};
const mdf_struct_desc_t mdf_sd_authenticate = {
    "CARD_AUTHENTICATE", 7, 1, {{7, sizeof(CARD_AUTHENTICATE)}}, N(auth_f), auth_f};

size_t mdf_struct_size(const mdf_struct_desc_t *d, uint32_t v) {
  size_t i, max = 0;

  if (d == NULL || d->nversions == 0)
    return 0;
  if (v == 0)
    return d->versions[0].size;
  for (i = 0; i < d->nversions; i++) {
    if (d->versions[i].version == v)
      return d->versions[i].size;
    if (d->versions[i].size > max)
      max = d->versions[i].size;
  }
  return max;
}
