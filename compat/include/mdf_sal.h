/* mdfuzz clean-room Windows ABI: MSVC source annotations and keywords.
 *
 * Vendor minidriver sources carry SAL annotations (_In_, __out_bcount(n),
 * ...) and MSVC keywords (__declspec, __forceinline).  They describe the
 * code but change nothing at run time, so here they expand to nothing or to
 * the gcc/clang attribute with the same effect.  Included by windows.h. */
#ifndef MDF_COMPAT_SAL_H
#define MDF_COMPAT_SAL_H

/* __declspec(x): dllexport becomes default visibility; the rest map to the
 * matching attribute or vanish. */
#ifndef __declspec
#define __declspec(x) MDF__DECLSPEC_##x
#endif
#define MDF__DECLSPEC_dllexport __attribute__((visibility("default")))
#define MDF__DECLSPEC_dllimport
#define MDF__DECLSPEC_noinline __attribute__((noinline))
#define MDF__DECLSPEC_noreturn __attribute__((noreturn))
#define MDF__DECLSPEC_nothrow
#define MDF__DECLSPEC_novtable
#define MDF__DECLSPEC_selectany __attribute__((weak))
#define MDF__DECLSPEC_deprecated __attribute__((deprecated))
#define MDF__DECLSPEC_align(n) __attribute__((aligned(n)))
#ifdef __cplusplus
#define MDF__DECLSPEC_thread thread_local
#else
#define MDF__DECLSPEC_thread _Thread_local
#endif

#ifndef __forceinline
#define __forceinline inline __attribute__((always_inline))
#endif
#ifndef _countof
#define _countof(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* SAL 2 annotations. */
#define _In_
#define _In_opt_
#define _In_z_
#define _In_opt_z_
#define _Inout_
#define _Inout_opt_
#define _Inout_z_
#define _Out_
#define _Out_opt_
#define _Outptr_
#define _Outptr_opt_
#define _Outptr_result_maybenull_
#define _Outptr_opt_result_maybenull_
#define _Outptr_result_buffer_(n)
#define _Outptr_result_bytebuffer_(n)
#define _Outptr_result_bytebuffer_maybenull_(n)
#define _Outptr_result_bytebuffer_all_(n)
#define _In_reads_(n)
#define _In_reads_opt_(n)
#define _In_reads_bytes_(n)
#define _In_reads_bytes_opt_(n)
#define _In_reads_z_(n)
#define _Inout_updates_(n)
#define _Inout_updates_bytes_(n)
#define _Inout_updates_bytes_opt_(n)
#define _Out_writes_(n)
#define _Out_writes_opt_(n)
#define _Out_writes_z_(n)
#define _Out_writes_bytes_(n)
#define _Out_writes_bytes_opt_(n)
#define _Out_writes_to_(n, m)
#define _Out_writes_to_opt_(n, m)
#define _Out_writes_bytes_to_(n, m)
#define _Out_writes_bytes_to_opt_(n, m)
#define _Out_writes_bytes_all_(n)
#define _Deref_out_
#define _Deref_out_opt_
#define _Deref_out_range_(a, b)
#define _In_range_(a, b)
#define _Out_range_(a, b)
#define _Ret_
#define _Ret_z_
#define _Ret_maybenull_
#define _Ret_notnull_
#define _Ret_writes_(n)
#define _Ret_writes_bytes_(n)
#define _Success_(x)
#define _Check_return_
#define _Must_inspect_result_
#define _Printf_format_string_
#define _Field_size_(n)
#define _Field_size_opt_(n)
#define _Field_size_bytes_(n)
#define _Field_size_bytes_opt_(n)
#define _Field_range_(a, b)
#define _Null_terminated_
#define _NullNull_terminated_
#define _Analysis_assume_(x)
#define _Pre_
#define _Post_
#define _Pre_valid_
#define _Post_invalid_
#define _Post_z_
#define _Frees_ptr_
#define _Frees_ptr_opt_
#define _When_(c, a)
#define _Use_decl_annotations_
#define _Reserved_
#define _Translates_Win32_to_HRESULT_(e)
#define _Return_type_success_(x)

/* SAL 1 annotations.  libstdc++ uses __in, __out and friends as
 * parameter names, so in C++ the standard headers are parsed first, before
 * the names become empty macros; define MDF_COMPAT_NO_SAL1 to skip both. */
#ifndef MDF_COMPAT_NO_SAL1
#ifdef __cplusplus
#include <algorithm>
#include <atomic>
#include <deque>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>
#endif
#define __in
#define __in_opt
#define __in_z
#define __in_opt_z
#define __out
#define __out_opt
#define __out_z
#define __inout
#define __inout_opt
#define __deref_out
#define __deref_out_opt
#define __deref_inout
#define __deref_opt_out
#define __reserved
#define __in_bcount(n)
#define __in_bcount_opt(n)
#define __in_ecount(n)
#define __in_ecount_opt(n)
#define __out_bcount(n)
#define __out_bcount_opt(n)
#define __out_bcount_part(n, m)
#define __out_bcount_part_opt(n, m)
#define __out_ecount(n)
#define __out_ecount_opt(n)
#define __out_ecount_part(n, m)
#define __out_ecount_part_opt(n, m)
#define __inout_bcount(n)
#define __inout_bcount_opt(n)
#define __inout_ecount(n)
#define __inout_ecount_opt(n)
#define __deref_out_bcount(n)
#define __deref_out_bcount_opt(n)
#define __deref_out_ecount(n)
#define __deref_out_ecount_opt(n)
#define __checkReturn
#define __success(x)
#define __nullterminated
#define __drv_allocatesMem(x)
#define __drv_freesMem(x)
#endif /* MDF_COMPAT_NO_SAL1 */

#endif
