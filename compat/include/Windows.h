/* Case-sensitive file systems: forwards to windows.h. */
#include "windows.h"
