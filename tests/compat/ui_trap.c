/* Calls the UI function named by argv[1]; the trap must report CMR.1.0.3
 * and abort before it returns (ctest checks the report line). */
#include <stdio.h>
#include <string.h>

#include "windows.h"

int main(int argc, char **argv) {
  const char *f = argc > 1 ? argv[1] : "";
  if (!strcmp(f, "MessageBoxA")) MessageBoxA(NULL, "t", "c", MB_OK);
  else if (!strcmp(f, "MessageBoxW")) MessageBoxW(NULL, L"t", L"c", MB_OK);
  else if (!strcmp(f, "MessageBoxExA")) MessageBoxExA(NULL, "t", "c", MB_OK, 0);
  else if (!strcmp(f, "MessageBoxExW")) MessageBoxExW(NULL, L"t", L"c", MB_OK, 0);
  else if (!strcmp(f, "DialogBoxParamA")) DialogBoxParamA(NULL, "d", NULL, NULL, 0);
  else if (!strcmp(f, "DialogBoxParamW")) DialogBoxParamW(NULL, L"d", NULL, NULL, 0);
  else if (!strcmp(f, "DialogBoxIndirectParamW")) DialogBoxIndirectParamW(NULL, NULL, NULL, NULL, 0);
  else if (!strcmp(f, "CreateDialogParamW")) CreateDialogParamW(NULL, L"d", NULL, NULL, 0);
  else if (!strcmp(f, "CreateWindowExA")) CreateWindowExA(0, "c", "w", 0, 0, 0, 1, 1, NULL, NULL, NULL, NULL);
  else if (!strcmp(f, "CreateWindowExW")) CreateWindowExW(0, L"c", L"w", 0, 0, 0, 1, 1, NULL, NULL, NULL, NULL);
  else if (!strcmp(f, "TaskDialog")) TaskDialog(NULL, NULL, L"t", L"m", L"c", TDCBF_OK_BUTTON, NULL, NULL);
  else if (!strcmp(f, "TaskDialogIndirect")) TaskDialogIndirect(NULL, NULL, NULL, NULL);
  fprintf(stderr, "no trap fired for '%s'\n", f);
  return 0;
}
