/* Calls the UI function named by argv[1] (a row of compat/ui_traps.def);
 * the trap must report CMR.1.0.3 and abort before it returns (ctest checks
 * the report line).  A name that is not a row exits with status 2. */
#include <stdio.h>
#include <string.h>

#include "windows.h"

int main(int argc, char **argv) {
  const char *f = argc > 1 ? argv[1] : "";

#define MDF_UI_TRAP(name, ret, params, call)                                                       \
  if (strcmp(f, #name) == 0) {                                                                     \
    (void)name call;                                                                               \
    fprintf(stderr, "no trap fired for '%s'\n", f);                                                \
    return 1;                                                                                      \
  }
#include "ui_traps.def"
#undef MDF_UI_TRAP
  fprintf(stderr, "'%s' is not a row of compat/ui_traps.def\n", f);
  return 2;
}
