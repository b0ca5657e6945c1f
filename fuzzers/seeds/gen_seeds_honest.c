/* Per-export seeds: the honest sessions (honest-*, what a CSP sends with
 * the simulated card's PINs, names and keys; docs/simcard.md) and the
 * edge cases a generic kind edge does not express.  The first row of an
 * export is its honest base: the generic edge seeds vary one thing of it.
 *
 * A single-export target makes ONE call in a fresh session, so an export
 * that needs the user's PIN first (file and container changes, signing,
 * decryption) gets either a call that succeeds without it (a size-only
 * signature) or a card script standing in for the earlier VERIFY: the
 * card answers SW 9000 where it would refuse.  tests/test-seeds-honest.c
 * checks every honest seed's return code on the clean refmd. */
#include <string.h>

#include "gen_seeds.h"

#define C (&mdf__gen_case)
#define A(k) (mdf__gen_case.calls[0].args[k])
/* Member m of struct argument k (the case owns it: writable). */
#define M(k, m) (*(mdf_arg_t *)(uintptr_t)&mdf__gen_case.calls[0].args[k].sub[m])
#define STR(k, s) mdf_case_set_str(C, &A(k), (s))
#define WSTR(k, s) mdf_case_set_wstr(C, &A(k), (s))
#define BYTES(a, s) mdf_case_set_bytes(C, &(a), (s), sizeof(s) - 1)
#define SCRIPT(s) mdf_case_set_script(C, (s), sizeof(s))

static const uint8_t sw_6a82[] = {MDF_FZ_SW, 0x6A, 0x82};
static const uint8_t sw_6982[] = {MDF_FZ_PASS, MDF_FZ_SW, 0x69, 0x82};
static const uint8_t trunc[] = {MDF_FZ_PASS, MDF_FZ_PASS, MDF_FZ_TRUNCATE, 1};
static const uint8_t extend[] = {MDF_FZ_PASS, MDF_FZ_PASS, MDF_FZ_EXTEND, 8,    0x62, 0x06,
                                 0x80,        0x02,        0xFF,          0xFF, 0x82, 0x01};
static const uint8_t removed[] = {MDF_FZ_PASS, MDF_FZ_REMOVED};
static const uint8_t sw_61[] = {MDF_FZ_PASS, MDF_FZ_PASS, MDF_FZ_SW, 0x61, 0x10};

static void none(void) {}

/* ---- CardReadFile (pCardData, dir, file, dwFlags, ppbData, pcbData) ---- */
#define RD(dir, file) (STR(1, dir), STR(2, file))
static void rd_cardid(void) {
  RD(NULL, "cardid");
}
static void rd_cardcf(void) {
  RD(NULL, "cardcf");
}
static void rd_cardapps(void) {
  RD(NULL, "cardapps");
}
static void rd_cmap(void) {
  RD("mscp", "cmapfile");
}
static void rd_kxc00(void) {
  RD("mscp", "kxc00");
}
static void rd_ksc01(void) {
  RD("mscp", "ksc01");
}
static void rd_msroots(void) {
  RD("mscp", "msroots");
}
static void rd_cmap_root(void) {
  RD(NULL, "cmapfile");
}
static void rd_mscerts(void) {
  RD("mscerts", "cardid");
}
static void rd_long_dir(void) {
  RD("toolongdir", "cardid");
}
static void rd_forbidden_dir(void) {
  RD("ms?p", "cmapfile");
}
static void rd_long_name(void) {
  RD(NULL, "cardidxyz");
}
static void rd_forbidden_file(void) {
  RD(NULL, "card*id");
}
static void rd_tab(void) {
  RD(NULL, "card\tid");
}
static void rd_eight(void) {
  RD("mscp", "cmapfilx");
}
static void rd_nine(void) {
  STR(2, "cmapfileX");
}
static void rd_flags(void) {
  A(3).u32 = 4;
}
static void rd_size_only(void) {
  A(3).u32 = 0x20000000u;
}
static void rd_alloc3(void) {
  (C->alloc_fail_at = 3, RD("mscp", "cmapfile"));
}
static void rd_stale(void) {
  (C->cache_mode = MDF_CACHE_STALE, RD(NULL, "cardcf"));
}
static void rd_other(void) {
  (C->cache_mode = MDF_CACHE_OTHER, RD("mscp", "cmapfile"));
}
static void rd_6a82(void) {
  SCRIPT(sw_6a82);
}
static void rd_6982(void) {
  SCRIPT(sw_6982);
}
static void rd_trunc(void) {
  SCRIPT(trunc);
}
static void rd_extend(void) {
  SCRIPT(extend);
}
static void rd_removed(void) {
  SCRIPT(removed);
}
static void rd_61(void) {
  SCRIPT(sw_61);
}

/* ---- queries ---- */
static void ks_sig(void) {
  A(1).u32 = AT_SIGNATURE;
}
static void ks_ecdsa(void) {
  A(1).u32 = AT_ECDSA_P256;
}

/* ---- PINs: user "1234", admin "12345678" ---- */
static void unblock_pin(void) {
  (BYTES(A(2), "12345678"), A(5).u32 = CARD_AUTHENTICATE_PIN_PIN);
}
static void unblock_chal(void) {
  (C->calls[0].args[5].u32 = CARD_AUTHENTICATE_PIN_CHALLENGE_RESPONSE, mdf__gen_card_ok(C, 4));
}
static void card_ok(void) {
  mdf__gen_card_ok(C, 16);
}
static void admin_pin(void) {
  (WSTR(1, "admin"), BYTES(A(2), "12345678"));
}
static void wrong_pin(void) {
  BYTES(A(2), "9999");
}
static void change_admin(void) {
  (WSTR(1, "admin"), BYTES(A(2), "12345678"), BYTES(A(3), "12345678"));
}
static void deauth_admin(void) {
  WSTR(1, "admin");
}
static void authx_admin(void) {
  (A(1).u32 = ROLE_ADMIN, BYTES(A(3), "12345678"));
}
static void chalx_admin(void) {
  A(1).u32 = ROLE_ADMIN;
}
static void changex_unblock(void) {
  (A(1).u32 = PIN_CHANGE_FLAG_UNBLOCK, A(2).u32 = ROLE_ADMIN, BYTES(A(3), "12345678"));
}
static void deauthx_all(void) {
  A(1).u32 = (1u << ROLE_USER) | (1u << ROLE_ADMIN);
}

/* ---- files and directories (the card's refusals answered 9000) ---- */
static void mkdir_new(void) {
  (STR(1, "newdir"), card_ok());
}
static void rmdir_mscp(void) {
  STR(1, "mscp");
}
static void create_new(void) {
  (STR(2, "newfile"), card_ok());
}
static void create_mscp(void) {
  (STR(1, "mscp"), STR(2, "kxc02"), card_ok());
}
static void write_cardcf(void) {
  (STR(2, "cardcf"), BYTES(A(4), "\0\0\0\0\0\1"), card_ok());
}
static void delete_cardapps(void) {
  (STR(2, "cardapps"), card_ok());
}
static void delete_8(void) {
  (STR(2, "abcdefgh"), card_ok());
}
static void delete_9(void) {
  (STR(2, "abcdefghi"), card_ok());
}
static void enum_mscp(void) {
  STR(1, "mscp");
}
static void finfo_cmap(void) {
  (STR(1, "mscp"), STR(2, "cmapfile"));
}

/* ---- containers and keys ---- */
static void mkc_rsa(void) {
  A(1).u32 = 2;
}
static void mkc_ecc(void) {
  (A(1).u32 = 1, A(3).u32 = AT_ECDSA_P256, A(4).u32 = 0);
}
static void mkc_rsa_ok(void) {
  (mkc_rsa(), card_ok());
}
static void mkc_ecc_ok(void) {
  (mkc_ecc(), card_ok());
}
static void rmc_1(void) {
  A(1).u32 = 1;
}
static void rmc_1_ok(void) {
  (rmc_1(), card_ok());
}
static void cinfo_1(void) {
  A(1).u32 = 1;
}
/* CARD_SIGNING_INFO members: 0 bContainerIndex 1 dwKeySpec 2 dwSigningFlags
 * 3 aiHashAlg 4 pbData 5 pbSignedData 6 pPaddingInfo 7 dwPaddingType */
static void sign_size(void) {
  M(1, 2).u32 = CARD_BUFFER_SIZE_ONLY;
}
static void sign_size_ecc(void) {
  (M(1, 0).u32 = 1, M(1, 1).u32 = AT_ECDSA_P256, M(1, 2).u32 = CARD_BUFFER_SIZE_ONLY);
}
static void sign_size_v1(void) {
  (A(1).u32 = 1, M(1, 2).u32 = CARD_BUFFER_SIZE_ONLY);
}
static void sign_v0(void) {
  (A(1).u32 = 0, M(1, 2).u32 = CARD_BUFFER_SIZE_ONLY);
}
static void sign_card(void) {
  card_ok();
}
static void dec_card(void) {
  card_ok();
}
/* CARD_DH_AGREEMENT_INFO members: 0 bContainerIndex ... */
static void dh_1(void) {
  M(1, 0).u32 = 1;
}

/* ---- properties ---- */
#define PROP(k, name) WSTR(k, name)
static void gp_caps(void) {
  PROP(1, "Capabilities");
}
static void gp_ksizes(void) {
  (PROP(1, "Key Sizes"), A(4).u32 = AT_KEYEXCHANGE);
}
static void gp_ro(void) {
  PROP(1, "Read Only Mode");
}
static void gp_cache(void) {
  PROP(1, "Cache Mode");
}
static void gp_x509(void) {
  PROP(1, "Supports Windows x.509 Enrollment");
}
static void gp_guid(void) {
  PROP(1, "Card Identifier");
}
static void gp_serial(void) {
  PROP(1, "Card Serial Number");
}
static void gp_pininfo(void) {
  (PROP(1, "PIN Information"), A(4).u32 = ROLE_USER);
}
static void gp_pinlist(void) {
  PROP(1, "PIN List");
}
static void gp_auth(void) {
  PROP(1, "Authenticated State");
}
static void gp_strength(void) {
  (PROP(1, "PIN Strength Verify"), A(4).u32 = ROLE_USER);
}
static void gp_import(void) {
  PROP(1, "Key Import Support");
}
static void gp_algs(void) {
  (PROP(1, "Algorithms"), A(4).u32 = CARD_ASYMMETRIC_OPERATION);
}
static void gp_pad(void) {
  (PROP(1, "Padding Schemes"), A(4).u32 = CARD_ASYMMETRIC_OPERATION);
}
static void sp_parent(void) {
  (PROP(1, "Parent Window"), BYTES(A(2), "\1\0\0\0\0\0\0\0"));
}
static void sp_context(void) {
  (PROP(1, "PIN Context String"), BYTES(A(2), "a\0b\0\0\0"));
}
static void sp_cache(void) {
  (PROP(1, "Cache Mode"), BYTES(A(2), "\1\0\0\0"));
}
static void gcp_pin(void) {
  WSTR(2, "PIN Identifier");
}
static void gcp_info1(void) {
  A(1).u32 = 1;
}
static void scp_pin(void) {
  (WSTR(2, "PIN Identifier"), BYTES(A(3), "\1\0\0\0"));
}

static const struct seed {
  const char *export_name, *name;
  void (*edit)(void);
} seeds[] = {
    {"CardAcquireContext", "honest-acquire", none},
    {"CardDeleteContext", "honest-delete-context", none},
    {"CardQueryCapabilities", "honest-capabilities", none},
    {"CardQueryFreeSpace", "honest-free-space", none},
    {"CardQueryKeySizes", "honest-keysizes-keyexchange", none},
    {"CardQueryKeySizes", "honest-keysizes-signature", ks_sig},
    {"CardQueryKeySizes", "honest-keysizes-ecdsa-p256", ks_ecdsa},
    {"CardAuthenticatePin", "honest-user-pin", none},
    {"CardAuthenticatePin", "honest-admin-pin", admin_pin},
    {"CardAuthenticatePin", "wrong-pin", wrong_pin},
    {"CardGetChallenge", "honest-challenge", none},
    {"CardAuthenticateChallenge", "honest-response-card-ok", card_ok},
    {"CardUnblockPin", "honest-unblock-admin-pin", unblock_pin},
    {"CardUnblockPin", "unblock-response-card-ok", unblock_chal},
    {"CardChangeAuthenticator", "honest-change-user-pin", none},
    {"CardChangeAuthenticator", "honest-change-admin-pin", change_admin},
    {"CardDeauthenticate", "honest-deauth-user", none},
    {"CardDeauthenticate", "honest-deauth-admin", deauth_admin},
    {"CardAuthenticateEx", "honest-user-pin", none},
    {"CardAuthenticateEx", "honest-admin-pin", authx_admin},
    {"CardGetChallengeEx", "honest-admin-challenge", chalx_admin},
    {"CardChangeAuthenticatorEx", "honest-change-user-pin", none},
    {"CardChangeAuthenticatorEx", "honest-unblock-user-pin", changex_unblock},
    {"CardDeauthenticateEx", "honest-deauth-user", none},
    {"CardDeauthenticateEx", "honest-deauth-all", deauthx_all},
    {"CardCreateDirectory", "honest-mkdir-card-ok", mkdir_new},
    {"CardDeleteDirectory", "honest-rmdir-mscp", rmdir_mscp},
    {"CardCreateFile", "honest-create-root-card-ok", create_new},
    {"CardCreateFile", "honest-create-mscp-card-ok", create_mscp},
    {"CardReadFile", "honest-read-cardid", rd_cardid},
    {"CardReadFile", "honest-read-cardcf", rd_cardcf},
    {"CardReadFile", "honest-read-cardapps", rd_cardapps},
    {"CardReadFile", "honest-read-cmapfile-mscp", rd_cmap},
    {"CardReadFile", "honest-read-kxc00-mscp", rd_kxc00},
    {"CardReadFile", "honest-read-ksc01-mscp", rd_ksc01},
    {"CardReadFile", "read-msroots-missing", rd_msroots},
    {"CardReadFile", "read-cmapfile-root", rd_cmap_root},
    {"CardReadFile", "dir-mscerts-missing", rd_mscerts},
    {"CardReadFile", "long-dir", rd_long_dir},
    {"CardReadFile", "forbidden-dir", rd_forbidden_dir},
    {"CardReadFile", "long-name", rd_long_name},
    {"CardReadFile", "forbidden-file", rd_forbidden_file},
    {"CardReadFile", "ctrl-char-file", rd_tab},
    {"CardReadFile", "eight-char-file", rd_eight},
    {"CardReadFile", "nine-char-file", rd_nine},
    {"CardReadFile", "bad-flags", rd_flags},
    {"CardReadFile", "bad-flags-size-only", rd_size_only},
    {"CardReadFile", "alloc-fail-3-cmapfile", rd_alloc3},
    {"CardReadFile", "cache-stale-cardcf", rd_stale},
    {"CardReadFile", "cache-other-cmapfile", rd_other},
    {"CardReadFile", "card-sw-6a82", rd_6a82},
    {"CardReadFile", "card-sw-6982-2", rd_6982},
    {"CardReadFile", "card-truncate-3", rd_trunc},
    {"CardReadFile", "card-extend-fcp", rd_extend},
    {"CardReadFile", "card-removed-2", rd_removed},
    {"CardReadFile", "card-sw-61xx-3", rd_61},
    {"CardWriteFile", "honest-write-cardcf-card-ok", write_cardcf},
    {"CardDeleteFile", "honest-delete-cardapps-card-ok", delete_cardapps},
    {"CardDeleteFile", "eight-char-card-ok", delete_8},
    {"CardDeleteFile", "nine-char-card-ok", delete_9},
    {"CardEnumFiles", "honest-enum-root", none},
    {"CardEnumFiles", "honest-enum-mscp", enum_mscp},
    {"CardGetFileInfo", "honest-info-cardid", none},
    {"CardGetFileInfo", "honest-info-cmapfile", finfo_cmap},
    {"CardCreateContainer", "honest-keygen-rsa", mkc_rsa},
    {"CardCreateContainer", "honest-keygen-ecc", mkc_ecc},
    {"CardCreateContainer", "keygen-rsa-card-ok", mkc_rsa_ok},
    {"CardCreateContainerEx", "honest-keygen-rsa", mkc_rsa},
    {"CardCreateContainerEx", "honest-keygen-ecc", mkc_ecc},
    {"CardCreateContainerEx", "keygen-ecc-card-ok", mkc_ecc_ok},
    {"CardDeleteContainer", "honest-delete-1", rmc_1},
    {"CardDeleteContainer", "delete-1-card-ok", rmc_1_ok},
    {"CardGetContainerInfo", "honest-info-0", none},
    {"CardGetContainerInfo", "honest-info-1", cinfo_1},
    {"CardSignData", "honest-sign-size-only", sign_size},
    {"CardSignData", "honest-sign-size-only-ecc", sign_size_ecc},
    {"CardSignData", "honest-sign-size-only-v1", sign_size_v1},
    {"CardSignData", "sign-v0-size-only", sign_v0},
    {"CardSignData", "sign-card-ok", sign_card},
    {"CardRSADecrypt", "honest-decrypt", none},
    {"CardRSADecrypt", "decrypt-card-ok", dec_card},
    {"CardConstructDHAgreement", "honest-agreement", none},
    {"CardConstructDHAgreement", "honest-agreement-1", dh_1},
    {"CardDeriveKey", "honest-derive", none},
    {"CardDestroyDHAgreement", "honest-destroy", none},
    {"CardGetContainerProperty", "honest-container-info", none},
    {"CardGetContainerProperty", "honest-container-info-1", gcp_info1},
    {"CardGetContainerProperty", "honest-pin-identifier", gcp_pin},
    {"CardSetContainerProperty", "honest-pin-identifier", scp_pin},
    {"CardGetProperty", "honest-free-space", none},
    {"CardGetProperty", "honest-capabilities", gp_caps},
    {"CardGetProperty", "honest-key-sizes", gp_ksizes},
    {"CardGetProperty", "honest-read-only", gp_ro},
    {"CardGetProperty", "honest-cache-mode", gp_cache},
    {"CardGetProperty", "honest-x509-enrollment", gp_x509},
    {"CardGetProperty", "honest-card-identifier", gp_guid},
    {"CardGetProperty", "honest-serial-number", gp_serial},
    {"CardGetProperty", "honest-pin-info", gp_pininfo},
    {"CardGetProperty", "honest-pin-list", gp_pinlist},
    {"CardGetProperty", "honest-authenticated-state", gp_auth},
    {"CardGetProperty", "honest-pin-strength", gp_strength},
    {"CardGetProperty", "honest-key-import", gp_import},
    {"CardGetProperty", "honest-algorithms", gp_algs},
    {"CardGetProperty", "honest-padding-schemes", gp_pad},
    {"CardSetProperty", "honest-parent-window", sp_parent},
    {"CardSetProperty", "honest-pin-context", sp_context},
    {"CardSetProperty", "set-cache-mode", sp_cache},
    {"MDImportSessionKey", "honest-import", none},
    {"MDEncryptData", "honest-encrypt", none},
    {"CardImportSessionKey", "honest-import", none},
    {"CardGetSharedKeyHandle", "honest-shared-key", none},
    {"CardGetAlgorithmProperty", "honest-algorithm-property", none},
    {"CardGetKeyProperty", "honest-key-property", none},
    {"CardSetKeyProperty", "honest-set-key-property", none},
    {"CardDestroyKey", "honest-destroy-key", none},
    {"CardProcessEncryptedData", "honest-process", none},
};

void mdf__gen_honest_base(const mdf_export_t *ex) {
  size_t i;

  for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++)
    if (strcmp(seeds[i].export_name, ex->name) == 0) {
      seeds[i].edit();
      return;
    }
}

int mdf__gen_export_seeds(const mdf_export_t *ex) {
  size_t i;
  int bad = 0, n = 0;

  for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
    if (strcmp(seeds[i].export_name, ex->name) != 0)
      continue;
    mdf__gen_begin(ex);
    seeds[i].edit();
    bad |= mdf__gen_write(seeds[i].name);
    n++;
  }
  if (n == 0) {
    fprintf(stderr, "gen-seeds: %s: no honest seed in gen_seeds_honest.c\n", ex->name);
    bad = 1;
  }
  return bad;
}
