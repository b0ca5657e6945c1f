/* Case-sensitive file systems: forwards to winerror.h. */
#include "winerror.h"
