/* Case-sensitive file systems: forwards to wincrypt.h. */
#include "wincrypt.h"
