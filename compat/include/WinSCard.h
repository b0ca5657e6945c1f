/* Case-sensitive file systems: forwards to winscard.h. */
#include "winscard.h"
