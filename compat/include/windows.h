/* mdfuzz clean-room Windows ABI umbrella header for minidriver sources:
 * base types, status codes, MSVC annotations and keywords, the 16-bit wide
 * string and C-runtime functions, CryptoAPI constants and the (trapped) UI
 * calls.  winscard.h and cardmod.h are included separately, as on Windows. */
#ifndef MDF_COMPAT_WINDOWS_H
#define MDF_COMPAT_WINDOWS_H
#include "mdf_wintypes.h"
#include "winerror.h"
#include "mdf_sal.h"
#include "mdf_wide.h"
#include "wincrypt.h"
#include "winuser.h"

/* RPC-era byte types that windows.h brings in on Windows (a C++ driver
 * combining them with `using namespace std` needs -std=c++14: no std::byte). */
typedef unsigned char byte;
typedef unsigned char boolean;
#endif
