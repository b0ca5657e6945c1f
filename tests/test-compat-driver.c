/* Calls a fake driver (tests/compat/c_driver.c or cxx_driver.cpp, picked by
 * the build) the way a CSP does: proves vendor-style C and C++ sources
 * build unchanged against compat/include and work through CARD_DATA.
 * DRIVER_PREFIX is the name the driver reports ("c-" or "cxx-"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "cardmod.h"
#include "windows.h"

static int g_live;

static LPVOID WINAPI csp_alloc(SIZE_T n) {
  g_live++;
  return calloc(1, n);
}
static LPVOID WINAPI csp_realloc(LPVOID p, SIZE_T n) {
  return realloc(p, n);
}
static void WINAPI csp_free(LPVOID p) {
  if (p)
    g_live--;
  free(p);
}

static BYTE g_atr[] = {0x3B, 0x8F, 0x80, 0x01};

static void init(CARD_DATA *cd, DWORD version) {
  memset(cd, 0, sizeof *cd);
  cd->dwVersion = version;
  cd->pbAtr = g_atr;
  cd->cbAtr = sizeof g_atr;
  cd->pwszCardName = (LPWSTR)L"Test Card";
  cd->pfnCspAlloc = csp_alloc;
  cd->pfnCspReAlloc = csp_realloc;
  cd->pfnCspFree = csp_free;
}

static void test_acquire_v7(void **state) {
  (void)state;
  CARD_DATA cd;
  CARD_CAPABILITIES caps = {CARD_CAPABILITIES_CURRENT_VERSION, 9, 9};
  BYTE buf[64];
  DWORD len = 0, mode = 0;
  WCHAR want[32];
  init(&cd, 9);
  assert_int_equal(CardAcquireContext(&cd, 0), SCARD_S_SUCCESS);
  assert_int_equal(cd.dwVersion, CARD_DATA_VERSION_SEVEN); /* negotiated down */
  assert_non_null(cd.pvVendorSpecific);
  assert_non_null(cd.pfnCardDeleteContext);
  assert_non_null(cd.pfnCardQueryCapabilities);
  assert_ptr_equal(cd.pfnCardGetProperty, CardGetProperty);
  assert_null(cd.pfnCardReadFile);
  assert_int_equal(cd.pfnCardQueryCapabilities(&cd, &caps), SCARD_S_SUCCESS);
  assert_true(caps.fKeyGen == TRUE || caps.fKeyGen == FALSE);
  assert_int_equal(cd.pfnCardGetProperty(&cd, CP_CARD_CACHE_MODE, buf, sizeof buf, &len, 0),
                   SCARD_S_SUCCESS);
  assert_int_equal(len, sizeof(DWORD));
  memcpy(&mode, buf, sizeof mode);
  assert_true(mode == CP_CACHE_MODE_NO_CACHE || mode == CP_CACHE_MODE_SESSION_ONLY);
  /* Short buffer and unknown property. */
  assert_int_equal(cd.pfnCardGetProperty(&cd, CP_CARD_CACHE_MODE, buf, 2, &len, 0),
                   ERROR_INSUFFICIENT_BUFFER);
  assert_int_equal(cd.pfnCardGetProperty(&cd, L"No Such", buf, sizeof buf, &len, 0),
                   SCARD_E_INVALID_PARAMETER);
  /* The name the driver built with wcscpy_s + swprintf_s + wcscat_s. */
  assert_int_equal(cd.pfnCardGetProperty(&cd, L"Card Name", buf, sizeof buf, &len, 0),
                   SCARD_S_SUCCESS);
  swprintf_s(want, 32, L"%Sv7", DRIVER_PREFIX);
  assert_int_equal(len, (wcslen(want) + 1) * sizeof(WCHAR));
  assert_memory_equal(buf, want, len);
  assert_int_equal(cd.pfnCardDeleteContext(&cd), SCARD_S_SUCCESS);
  assert_int_equal(g_live, 0);
}

static void test_acquire_versions(void **state) {
  (void)state;
  CARD_DATA cd;
  init(&cd, 5);
  assert_int_equal(CardAcquireContext(&cd, 0), SCARD_S_SUCCESS);
  assert_int_equal(cd.dwVersion, 5);
  assert_null(cd.pfnCardGetProperty); /* v6 field left alone */
  assert_int_equal(cd.pfnCardDeleteContext(&cd), SCARD_S_SUCCESS);
  init(&cd, 3);
  assert_int_equal(CardAcquireContext(&cd, 0), ERROR_REVISION_MISMATCH);
  assert_int_equal(CardAcquireContext(NULL, 0), SCARD_E_INVALID_PARAMETER);
  init(&cd, 7);
  assert_int_equal(CardAcquireContext(&cd, 0x80), SCARD_E_INVALID_PARAMETER);
  assert_int_equal(g_live, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_acquire_v7),
      cmocka_unit_test(test_acquire_versions),
  };
  return cmocka_run_group_tests_name("compat-driver-" DRIVER_PREFIX, tests, NULL, NULL);
}
