/* Case-sensitive file systems: forwards to winuser.h. */
#include "winuser.h"
