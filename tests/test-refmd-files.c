/* refmd logical file system: create / write / read / enumerate / delete
 * files and directories, file info, free space, and the error rules of
 * those exports (CMR.3.4.1, .2, .4 .. .9) with their codes. */
#include "test-refmd-util.h"

static LPSTR S(const char *s) {
  return (LPSTR)s;
}

/* Multi-string -> does it list name? */
static int msz_has(const char *msz, DWORD len, const char *name) {
  DWORD i = 0;
  while (i < len && msz[i]) {
    if (!strcmp(msz + i, name))
      return 1;
    i += (DWORD)strlen(msz + i) + 1;
  }
  return 0;
}

static void test_enum(void **state) {
  rt_session_t *s = *state;
  LPSTR msz = NULL;
  DWORD n = 0;
  assert_int_equal(s->cd.pfnCardEnumFiles(&s->cd, NULL, &msz, &n, 0), 0);
  assert_int_equal(n, sizeof "cardid" + sizeof "cardcf" + sizeof "cardapps" + 1);
  assert_int_equal(msz[n - 1], 0);
  assert_int_equal(msz[n - 2], 0);
  assert_true(msz_has(msz, n, "cardid") && msz_has(msz, n, "cardcf") &&
              msz_has(msz, n, "cardapps"));
  assert_false(msz_has(msz, n, "mscp")); /* directories are not files */
  rt_free(msz);
  assert_int_equal(s->cd.pfnCardEnumFiles(&s->cd, S("MSCP"), &msz, &n, 0), 0);
  assert_true(msz_has(msz, n, "cmapfile") && msz_has(msz, n, "kxc00") && msz_has(msz, n, "ksc01"));
  rt_free(msz);
  /* CMR.3.4.8.E1..E7 */
  assert_int_equal(s->cd.pfnCardEnumFiles(NULL, NULL, &msz, &n, 0), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardEnumFiles(&s->cd, NULL, NULL, &n, 0), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardEnumFiles(&s->cd, NULL, &msz, NULL, 0), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardEnumFiles(&s->cd, S("123456789"), &msz, &n, 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardEnumFiles(&s->cd, S("a<b"), &msz, &n, 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardEnumFiles(&s->cd, S("nodir"), &msz, &n, 0), SCARD_E_DIR_NOT_FOUND);
  assert_int_equal(s->cd.pfnCardEnumFiles(&s->cd, NULL, &msz, &n, 1), SCARD_E_INVALID_PARAMETER);
  assert_null(msz);
  assert_int_equal(n, 0);
}

static void test_file_info(void **state) {
  rt_session_t *s = *state;
  CARD_FILE_INFO fi;
  memset(&fi, 0, sizeof fi);
  assert_int_equal(s->cd.pfnCardGetFileInfo(&s->cd, NULL, S("cardid"), &fi), 0);
  assert_int_equal(fi.cbFileSize, 16);
  assert_int_equal(fi.AccessCondition, EveryoneReadAdminWriteAc);
  fi.dwVersion = CARD_FILE_INFO_CURRENT_VERSION;
  assert_int_equal(s->cd.pfnCardGetFileInfo(&s->cd, S("mscp"), S("cmapfile"), &fi), 0);
  assert_int_equal(fi.cbFileSize, 172);
  assert_int_equal(fi.AccessCondition, EveryoneReadUserWriteAc);
  /* CMR.3.4.5.E1..E10 */
  assert_int_equal(s->cd.pfnCardGetFileInfo(NULL, NULL, S("cardid"), &fi),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardGetFileInfo(&s->cd, NULL, S(""), &fi), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardGetFileInfo(&s->cd, NULL, S("cardid"), NULL),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardGetFileInfo(&s->cd, S(""), S("cardid"), &fi),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardGetFileInfo(&s->cd, S("m?"), S("cardid"), &fi),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardGetFileInfo(&s->cd, S("nodir"), S("cardid"), &fi),
                   SCARD_E_DIR_NOT_FOUND);
  assert_int_equal(s->cd.pfnCardGetFileInfo(&s->cd, NULL, S("cardid123"), &fi),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardGetFileInfo(&s->cd, NULL, S("c:"), &fi), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardGetFileInfo(&s->cd, NULL, S("nofile"), &fi),
                   SCARD_E_FILE_NOT_FOUND);
  fi.dwVersion = 2;
  assert_int_equal(s->cd.pfnCardGetFileInfo(&s->cd, NULL, S("cardid"), &fi),
                   ERROR_REVISION_MISMATCH);
}

static void test_free_space(void **state) {
  rt_session_t *s = *state;
  CARD_FREE_SPACE_INFO fs;
  memset(&fs, 0, sizeof fs);
  assert_int_equal(s->cd.pfnCardQueryFreeSpace(&s->cd, 0, &fs), 0);
  assert_true(fs.dwBytesAvailable > 1000 && fs.dwBytesAvailable < 32768);
  assert_int_equal(fs.dwMaxKeyContainers, 8);
  assert_int_equal(fs.dwKeyContainersAvailable, 6);
  assert_int_equal(s->cd.pfnCardQueryFreeSpace(NULL, 0, &fs), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardQueryFreeSpace(&s->cd, 0, NULL), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardQueryFreeSpace(&s->cd, 1, &fs), SCARD_E_INVALID_PARAMETER);
  fs.dwVersion = 2;
  assert_int_equal(s->cd.pfnCardQueryFreeSpace(&s->cd, 0, &fs), ERROR_REVISION_MISMATCH);
}

/* The whole life of a file: create, info, write (grow and shrink), read, enumerate, delete. */
static void test_file_lifecycle(void **state) {
  rt_session_t *s = *state;
  CARD_FILE_INFO fi;
  CARD_FREE_SPACE_INFO before, after;
  BYTE big[1000], *d;
  DWORD n, i;
  LPSTR msz = NULL;

  for (i = 0; i < sizeof big; i++)
    big[i] = (BYTE)(i * 7);
  memset(&fi, 0, sizeof fi);
  memset(&before, 0, sizeof before);
  memset(&after, 0, sizeof after);
  /* No user: the directory's rule refuses (CMR.3.4.4.E6). */
  assert_int_equal(
      s->cd.pfnCardCreateFile(&s->cd, S("mscp"), S("kxc02"), 100, EveryoneReadUserWriteAc),
      SCARD_W_SECURITY_VIOLATION);
  assert_int_equal(rt_login(s, "1234"), 0);
  assert_int_equal(s->cd.pfnCardQueryFreeSpace(&s->cd, 0, &before), 0);
  assert_int_equal(
      s->cd.pfnCardCreateFile(&s->cd, S("mscp"), S("KXC02"), 100, EveryoneReadUserWriteAc), 0);
  assert_int_equal(
      s->cd.pfnCardCreateFile(&s->cd, S("mscp"), S("kxc02"), 100, EveryoneReadUserWriteAc),
      ERROR_FILE_EXISTS);
  assert_int_equal(s->cd.pfnCardGetFileInfo(&s->cd, S("mscp"), S("kxc02"), &fi), 0);
  assert_int_equal(fi.cbFileSize, 0); /* CMR.3.4.5.4 */
  assert_int_equal(rt_read(s, "mscp", "kxc02", &d, &n), 0);
  assert_int_equal(n, 0);
  rt_free(d);

  assert_int_equal(s->cd.pfnCardWriteFile(&s->cd, S("mscp"), S("kxc02"), 0, big, sizeof big), 0);
  assert_int_equal(rt_read(s, "mscp", "kxc02", &d, &n), 0);
  assert_int_equal(n, sizeof big);
  assert_memory_equal(d, big, sizeof big);
  rt_free(d);
  assert_int_equal(s->cd.pfnCardWriteFile(&s->cd, S("mscp"), S("kxc02"), 0, big + 10, 20), 0);
  assert_int_equal(rt_read(s, "mscp", "kxc02", &d, &n), 0);
  assert_int_equal(n, 20);
  assert_memory_equal(d, big + 10, 20);
  rt_free(d);
  assert_int_equal(s->cd.pfnCardGetFileInfo(&s->cd, S("mscp"), S("kxc02"), &fi), 0);
  assert_int_equal(fi.cbFileSize, 20);
  assert_int_equal(s->cd.pfnCardEnumFiles(&s->cd, S("mscp"), &msz, &n, 0), 0);
  assert_true(msz_has(msz, n, "kxc02"));
  rt_free(msz);

  assert_int_equal(s->cd.pfnCardDeleteFile(&s->cd, S("mscp"), S("kxc02"), 1),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardDeleteFile(&s->cd, S("mscp"), S("kxc02"), 0), 0);
  assert_int_equal(rt_read(s, "mscp", "kxc02", &d, &n), SCARD_E_FILE_NOT_FOUND);
  assert_int_equal(s->cd.pfnCardDeleteFile(&s->cd, S("mscp"), S("kxc02"), 0),
                   SCARD_E_FILE_NOT_FOUND);
  assert_int_equal(s->cd.pfnCardQueryFreeSpace(&s->cd, 0, &after), 0);
  assert_int_equal(after.dwBytesAvailable, before.dwBytesAvailable);
}

static void test_write_rules(void **state) {
  rt_session_t *s = *state;
  BYTE six[6] = {1, 0, 0, 0, 0, 0}, *d;
  DWORD n;
  /* CMR.3.4.6.E1..E13, with the codes the table lists. */
  assert_int_equal(s->cd.pfnCardWriteFile(NULL, NULL, S("cardcf"), 0, six, 6),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardWriteFile(&s->cd, NULL, NULL, 0, six, 6),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardWriteFile(&s->cd, NULL, S("cardcf"), 0, NULL, 6),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardWriteFile(&s->cd, S("abcdefghi"), S("cardcf"), 0, six, 6),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardWriteFile(&s->cd, S("a>"), S("cardcf"), 0, six, 6),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardWriteFile(&s->cd, S("nodir"), S("cardcf"), 0, six, 6),
                   SCARD_E_DIR_NOT_FOUND);
  assert_int_equal(s->cd.pfnCardWriteFile(&s->cd, NULL, S("cardcf123"), 0, six, 6),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardWriteFile(&s->cd, NULL, S("card\"cf"), 0, six, 6),
                   SCARD_E_FILE_NOT_FOUND);
  assert_int_equal(s->cd.pfnCardWriteFile(&s->cd, NULL, S("nofile"), 0, six, 6),
                   SCARD_E_FILE_NOT_FOUND);
  assert_int_equal(s->cd.pfnCardWriteFile(&s->cd, NULL, S("cardcf"), 1, six, 6),
                   SCARD_E_FILE_NOT_FOUND);
  assert_int_equal(s->cd.pfnCardWriteFile(&s->cd, NULL, S("cardcf"), 0, six, 6),
                   SCARD_W_SECURITY_VIOLATION);
  assert_int_equal(rt_login(s, "1234"), 0);
  assert_int_equal(s->cd.pfnCardWriteFile(&s->cd, NULL, S("cardid"), 0, six, 6),
                   SCARD_W_SECURITY_VIOLATION);
  assert_int_equal(s->cd.pfnCardWriteFile(&s->cd, NULL, S("cardcf"), 0, six, 6), 0);
  assert_int_equal(rt_read(s, NULL, "cardcf", &d, &n), 0);
  assert_int_equal(n, 6);
  assert_memory_equal(d, six, 6);
  rt_free(d);
  /* More than the card holds: E13, and the old contents stay. */
  {
    static BYTE huge[4096];
    char name[4] = {'f', '0', 0, 0};
    DWORD rc = 0;
    int k;
    memset(huge, 0x5A, sizeof huge);
    for (k = 0; k < 10 && rc == 0; k++) {
      name[1] = (char)('0' + k);
      assert_int_equal(s->cd.pfnCardCreateFile(&s->cd, NULL, name, 0, EveryoneReadUserWriteAc), 0);
      rc = s->cd.pfnCardWriteFile(&s->cd, NULL, name, 0, huge, sizeof huge);
    }
    assert_int_equal(rc, SCARD_E_WRITE_TOO_MANY);
    assert_int_equal(rt_read(s, NULL, name, &d, &n), 0);
    assert_int_equal(n, 0);
    rt_free(d);
    assert_int_equal(s->cd.pfnCardWriteFile(&s->cd, NULL, name, 0, huge, 4097),
                     SCARD_E_WRITE_TOO_MANY);
  }
}

static void test_create_file_rules(void **state) {
  rt_session_t *s = *state;
  assert_int_equal(rt_login(s, "1234"), 0);
  /* CMR.3.4.4.E1..E12 */
  assert_int_equal(s->cd.pfnCardCreateFile(NULL, NULL, S("f"), 0, EveryoneReadUserWriteAc),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardCreateFile(&s->cd, NULL, S(""), 0, EveryoneReadUserWriteAc),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardCreateFile(&s->cd, S(""), S("f"), 0, EveryoneReadUserWriteAc),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardCreateFile(&s->cd, S("m/"), S("f"), 0, EveryoneReadUserWriteAc),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardCreateFile(&s->cd, S("nodir"), S("f"), 0, EveryoneReadUserWriteAc),
                   SCARD_E_DIR_NOT_FOUND);
  assert_int_equal(
      s->cd.pfnCardCreateFile(&s->cd, NULL, S("123456789"), 0, EveryoneReadUserWriteAc),
      SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardCreateFile(&s->cd, NULL, S("f*"), 0, EveryoneReadUserWriteAc),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardCreateFile(&s->cd, NULL, S("CardCF"), 0, EveryoneReadUserWriteAc),
                   ERROR_FILE_EXISTS);
  assert_int_equal(s->cd.pfnCardCreateFile(&s->cd, NULL, S("mscp"), 0, EveryoneReadUserWriteAc),
                   ERROR_FILE_EXISTS);
  assert_int_equal(s->cd.pfnCardCreateFile(&s->cd, NULL, S("f"), 40000, EveryoneReadUserWriteAc),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardCreateFile(&s->cd, NULL, S("f"), 0, UnknownAc),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardCreateFile(&s->cd, NULL, S("f"), 0, 77), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardCreateFile(&s->cd, NULL, S("f"), 10, EveryoneReadAdminWriteAc), 0);
  assert_int_equal(s->cd.pfnCardDeleteFile(&s->cd, NULL, S("f"), 0), 0);
}

static void test_delete_file_rules(void **state) {
  rt_session_t *s = *state;
  /* CMR.3.4.7.E1..E12 */
  assert_int_equal(s->cd.pfnCardDeleteFile(NULL, NULL, S("cardcf"), 0), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardDeleteFile(&s->cd, NULL, NULL, 0), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardDeleteFile(&s->cd, S("abcdefghij"), S("x"), 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardDeleteFile(&s->cd, S("a|"), S("x"), 0), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardDeleteFile(&s->cd, S("nodir"), S("x"), 0), SCARD_E_DIR_NOT_FOUND);
  assert_int_equal(s->cd.pfnCardDeleteFile(&s->cd, NULL, S("abcdefghij"), 0),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardDeleteFile(&s->cd, NULL, S("a?"), 0), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardDeleteFile(&s->cd, NULL, S("nofile"), 0), SCARD_E_FILE_NOT_FOUND);
  assert_int_equal(s->cd.pfnCardDeleteFile(&s->cd, NULL, S("cardcf"), 4),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardDeleteFile(&s->cd, NULL, S("cardcf"), 0),
                   SCARD_W_SECURITY_VIOLATION);
  /* Admin alone: the root is a user directory (E12). */
  assert_int_equal(rt_login_admin(s, "12345678"), 0);
  assert_int_equal(s->cd.pfnCardDeleteFile(&s->cd, NULL, S("cardcf"), 0),
                   SCARD_W_SECURITY_VIOLATION);
}

static void test_directories(void **state) {
  rt_session_t *s = *state;
  LPSTR msz = NULL;
  DWORD n = 0;
  BYTE *d, data[3] = {7, 8, 9};
  /* CMR.3.4.1.E1..E8 */
  assert_int_equal(s->cd.pfnCardCreateDirectory(NULL, S("dir"), UserCreateDeleteDirAc),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardCreateDirectory(&s->cd, NULL, UserCreateDeleteDirAc),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardCreateDirectory(&s->cd, S(""), UserCreateDeleteDirAc),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardCreateDirectory(&s->cd, S("abcdefghi"), UserCreateDeleteDirAc),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardCreateDirectory(&s->cd, S("d\x01"), UserCreateDeleteDirAc),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardCreateDirectory(&s->cd, S("dir"), InvalidDirAc),
                   SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardCreateDirectory(&s->cd, S("dir"), 3), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardCreateDirectory(&s->cd, S("MSCP"), UserCreateDeleteDirAc),
                   ERROR_FILE_EXISTS);
  assert_int_equal(s->cd.pfnCardCreateDirectory(&s->cd, S("cardid"), UserCreateDeleteDirAc),
                   ERROR_FILE_EXISTS);
  assert_int_equal(s->cd.pfnCardCreateDirectory(&s->cd, S("dir"), UserCreateDeleteDirAc),
                   SCARD_W_SECURITY_VIOLATION);

  assert_int_equal(rt_login(s, "1234"), 0);
  assert_int_equal(s->cd.pfnCardCreateDirectory(&s->cd, S("Dir"), UserCreateDeleteDirAc), 0);
  assert_int_equal(s->cd.pfnCardCreateDirectory(&s->cd, S("dir"), UserCreateDeleteDirAc),
                   ERROR_FILE_EXISTS);
  assert_int_equal(s->cd.pfnCardEnumFiles(&s->cd, S("dir"), &msz, &n, 0),
                   SCARD_E_DIR_NOT_FOUND); /* empty */
  assert_int_equal(s->cd.pfnCardCreateFile(&s->cd, S("dir"), S("f"), 0, EveryoneReadUserWriteAc),
                   0);
  assert_int_equal(s->cd.pfnCardWriteFile(&s->cd, S("dir"), S("f"), 0, data, sizeof data), 0);
  assert_int_equal(rt_read(s, "dir", "f", &d, &n), 0);
  assert_int_equal(n, 3);
  assert_memory_equal(d, data, 3);
  rt_free(d);
  assert_int_equal(s->cd.pfnCardEnumFiles(&s->cd, S("dir"), &msz, &n, 0), 0);
  assert_int_equal(n, 3);
  assert_memory_equal(msz, "f\0", 3);
  rt_free(msz);

  /* CMR.3.4.2.E1..E9 */
  assert_int_equal(s->cd.pfnCardDeleteDirectory(NULL, S("dir")), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardDeleteDirectory(&s->cd, S("")), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardDeleteDirectory(&s->cd, S("abcdefghi")), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardDeleteDirectory(&s->cd, S("d:")), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(s->cd.pfnCardDeleteDirectory(&s->cd, S("nodir")), SCARD_E_DIR_NOT_FOUND);
  assert_int_equal(s->cd.pfnCardDeleteDirectory(&s->cd, S("dir")), ERROR_DIR_NOT_EMPTY);
  assert_int_equal(s->cd.pfnCardDeleteFile(&s->cd, S("dir"), S("f"), 0), 0);
  assert_int_equal(s->cd.pfnCardDeauthenticate(&s->cd, (LPWSTR)rt_user, 0), 0);
  assert_int_equal(s->cd.pfnCardDeleteDirectory(&s->cd, S("dir")),
                   SCARD_W_SECURITY_VIOLATION); /* E5 */
  assert_int_equal(rt_login_admin(s, "12345678"), 0);
  assert_int_equal(s->cd.pfnCardDeleteDirectory(&s->cd, S("dir")),
                   SCARD_W_SECURITY_VIOLATION); /* E9 */
  assert_int_equal(rt_login(s, "1234"), 0);
  assert_int_equal(s->cd.pfnCardDeleteDirectory(&s->cd, S("DIR")), 0);
  assert_int_equal(s->cd.pfnCardDeleteDirectory(&s->cd, S("dir")), SCARD_E_DIR_NOT_FOUND);

  /* An admin directory: files in it need the admin. */
  assert_int_equal(s->cd.pfnCardCreateDirectory(&s->cd, S("adm"), AdminCreateDeleteDirAc), 0);
  assert_int_equal(s->cd.pfnCardDeauthenticate(&s->cd, (LPWSTR)rt_admin, 0), 0);
  assert_int_equal(s->cd.pfnCardCreateFile(&s->cd, S("adm"), S("f"), 0, EveryoneReadUserWriteAc),
                   SCARD_W_SECURITY_VIOLATION);
  assert_int_equal(s->cd.pfnCardDeleteDirectory(&s->cd, S("adm")),
                   SCARD_W_SECURITY_VIOLATION); /* E8 */
  assert_int_equal(rt_login_admin(s, "12345678"), 0);
  assert_int_equal(s->cd.pfnCardCreateFile(&s->cd, S("adm"), S("f"), 0, EveryoneReadUserWriteAc),
                   0);
  assert_int_equal(s->cd.pfnCardDeleteFile(&s->cd, S("adm"), S("f"), 0), 0);
  assert_int_equal(s->cd.pfnCardDeleteDirectory(&s->cd, S("adm")), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_enum, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_file_info, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_free_space, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_file_lifecycle, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_write_rules, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_create_file_rules, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_delete_file_rules, rt_setup, rt_teardown),
      cmocka_unit_test_setup_teardown(test_directories, rt_setup, rt_teardown),
  };
  return cmocka_run_group_tests_name("refmd-files", tests, NULL, NULL);
}
