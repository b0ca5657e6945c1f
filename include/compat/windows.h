/* mdfuzz clean-room Windows ABI umbrella header for minidriver sources. */
#ifndef MDF_COMPAT_WINDOWS_H
#define MDF_COMPAT_WINDOWS_H
#include "mdf_wintypes.h"
#include "winerror.h"
#endif
