/* Compile-time layout check, for x86-64 and i386 alike:
 *   clang -m32 -ffreestanding -fsyntax-only -fshort-wchar -I compat/include abi_static.c
 * The build passes iff every size and offset in abi_table.h holds for the
 * target; a failing row names the type and field. */
#include <stddef.h>

#include "cardmod.h"

#include "abi_table.h"

#if defined(__x86_64__)
#define MDF_PICK(x64, x86) (x64)
#elif defined(__i386__)
#define MDF_PICK(x64, x86) (x86)
#else
#error "abi_static.c: only x86-64 and i386 layouts are tabulated"
#endif

#define SIZE_ROW(type, s64, s86)                                                                   \
  _Static_assert(sizeof(type) == MDF_PICK(s64, s86), "sizeof " #type);
#define FIELD_ROW(type, field, o64, o86)                                                           \
  _Static_assert(offsetof(type, field) == MDF_PICK(o64, o86), "offsetof " #type "." #field);
MDF_ABI_SIZES(SIZE_ROW)
MDF_ABI_FIELDS(FIELD_ROW)

/* The CARD_DATA version boundaries. */
_Static_assert(MDF_CARD_DATA_V4_END == MDF_PICK(328, 164), "end of v4 fields");
_Static_assert(MDF_CARD_DATA_V5_END == MDF_PICK(352, 176), "end of v5 fields");
_Static_assert(MDF_CARD_DATA_V6_END == MDF_PICK(416, 208), "end of v6 fields");
_Static_assert(MDF_CARD_RSA_DECRYPT_INFO_V1_SIZE == MDF_PICK(32, 20), "v1 decrypt info");
_Static_assert(MDF_CARD_SIGNING_INFO_V1_SIZE == MDF_PICK(56, 36), "v1 signing info");

/* Wide literals are 16-bit (-fshort-wchar). */
_Static_assert(sizeof(L"ab") == 6, "L\"\" is not 16-bit");
_Static_assert(sizeof(CP_CARD_FREE_SPACE[0]) == sizeof(WCHAR), "CP_* are 16-bit");

/* Each entry point's prototype has exactly its PFN type (incl. WINAPI). */
#define PROTO_ROW(pfn, name, params)                                                               \
  _Static_assert(_Generic((name), pfn : 1, default : 0), #name " vs " #pfn);
MDF_CARD_FUNCTIONS(PROTO_ROW)
_Static_assert(_Generic((CardAcquireContext), PFN_CARD_ACQUIRE_CONTEXT : 1, default : 0),
               "CardAcquireContext");

#ifdef MDF_ABI_SELFTEST_WRONG
_Static_assert(offsetof(CARD_DATA, pfnCardCreateContainerEx) == MDF_PICK(488, 244),
               "deliberately wrong row");
#endif
