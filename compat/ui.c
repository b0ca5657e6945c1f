/* UI traps: a card module must not present UI (CMR.1.0.3).  Every entry
 * point reports the finding and aborts, whatever its arguments.  The traps
 * are the rows of ui_traps.def; tests/compat.cmake registers a test per row. */
#include "winuser.h"

#include "mdfuzz/common/finding.h"
#include "mdfuzz/common/finding_ids.h"

/* A trap never reads its arguments. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

#define MDF_STR(x) #x
#define MDF_XSTR(x) MDF_STR(x)

/* `name` expands to winuser.h's link name; #name is the Windows name.  The
 * assertion fails when winuser.h lacks the row's mdf_win_ define (and so
 * most likely its declaration). */
#define MDF_UI_TRAP(name, ret, params, call)                                                       \
  _Static_assert(sizeof(MDF_XSTR(name)) == sizeof("mdf_win_" #name),                               \
                 "compat/include/winuser.h must declare " #name " as mdf_win_" #name);             \
  ret WINAPI name params {                                                                         \
    mdf_finding("CMR.1.0.3", "%s called: the card module may not present UI", #name);              \
  }
#include "ui_traps.def"
#undef MDF_UI_TRAP
