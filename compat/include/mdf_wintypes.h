/* mdfuzz clean-room Windows ABI: base types.
 *
 * Written from public facts about the Windows LLP64 data model: DWORD/LONG/
 * BOOL are 32-bit on every host, WCHAR is 16-bit, handles and *_PTR types
 * are pointer-sized.  WINAPI is the Microsoft calling convention so that a
 * driver built here calls through CARD_DATA exactly as it would on Windows.
 * Usable from C and C++. */
#ifndef MDF_COMPAT_WINTYPES_H
#define MDF_COMPAT_WINTYPES_H

#include <stddef.h>
#include <stdint.h>

#if defined(__x86_64__)
#define WINAPI __attribute__((ms_abi))
#elif defined(__i386__)
#define WINAPI __attribute__((stdcall))
#else
#define WINAPI
#endif
#define CALLBACK WINAPI
#define APIENTRY WINAPI
#define WINAPIV
#define __stdcall WINAPI
#define __cdecl
#define IN
#define OUT
#define OPTIONAL
#define CONST const
#define VOID void

#ifdef __cplusplus
#define MDF_EXTERN_C_BEGIN extern "C" {
#define MDF_EXTERN_C_END }
#else
#define MDF_EXTERN_C_BEGIN
#define MDF_EXTERN_C_END
#endif

typedef uint8_t BYTE, UCHAR, BOOLEAN;
typedef uint16_t WORD, USHORT;
typedef uint32_t DWORD, ULONG, UINT;
typedef int32_t LONG, INT, BOOL;
typedef int16_t SHORT;
typedef char CHAR;
typedef int64_t LONGLONG;
typedef uint64_t ULONGLONG, DWORD64;
typedef intptr_t INT_PTR, LONG_PTR;
typedef uintptr_t UINT_PTR, ULONG_PTR, DWORD_PTR, SIZE_T;
typedef intptr_t SSIZE_T;
typedef LONG HRESULT;
typedef LONG NTSTATUS;
typedef DWORD ALG_ID;

/* WCHAR is 16-bit.  In C++ it must be wchar_t so that L"..." literals
 * (16-bit under -fshort-wchar) convert to LPCWSTR; in C uint16_t is the
 * same type as a -fshort-wchar wchar_t. */
#if defined(__cplusplus) && defined(__SIZEOF_WCHAR_T__) && __SIZEOF_WCHAR_T__ == 2
typedef wchar_t WCHAR;
#else
typedef uint16_t WCHAR;
#endif

typedef void *PVOID, *LPVOID, *HANDLE, *HWND, *HMODULE, *HINSTANCE, *HKEY;
typedef const void *LPCVOID;
typedef BYTE *PBYTE, *LPBYTE;
typedef const BYTE *LPCBYTE, *PCBYTE;
typedef WORD *PWORD, *LPWORD;
typedef DWORD *PDWORD, *LPDWORD;
typedef LONG *PLONG, *LPLONG;
typedef BOOL *PBOOL, *LPBOOL;
typedef ULONG *PULONG;
typedef ULONG_PTR *PULONG_PTR;
typedef SIZE_T *PSIZE_T;
typedef CHAR *PSTR, *LPSTR, *PCHAR;
typedef const CHAR *PCSTR, *LPCSTR;
typedef WCHAR *PWSTR, *LPWSTR, *PWCHAR;
typedef const WCHAR *PCWSTR, *LPCWSTR;
#ifdef UNICODE
typedef WCHAR TCHAR;
#define TEXT(s) L##s
#else
typedef CHAR TCHAR;
#define TEXT(s) s
#endif
typedef TCHAR *LPTSTR;
typedef const TCHAR *LPCTSTR;

typedef struct _GUID {
  DWORD Data1;
  WORD Data2;
  WORD Data3;
  BYTE Data4[8];
} GUID, UUID, *LPGUID, *PGUID;
typedef const GUID *LPCGUID, *REFGUID;

#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif
#ifndef MAX_PATH
#define MAX_PATH 260
#endif
#define ANYSIZE_ARRAY 1
#define UNREFERENCED_PARAMETER(p) ((void)(p))

#define LOBYTE(w) ((BYTE)((DWORD_PTR)(w)&0xff))
#define HIBYTE(w) ((BYTE)(((DWORD_PTR)(w) >> 8) & 0xff))
#define LOWORD(l) ((WORD)((DWORD_PTR)(l)&0xffff))
#define HIWORD(l) ((WORD)(((DWORD_PTR)(l) >> 16) & 0xffff))
#define MAKEWORD(a, b) ((WORD)(((BYTE)(a)) | ((WORD)((BYTE)(b))) << 8))
#define MAKELONG(a, b) ((LONG)(((WORD)(a)) | ((DWORD)((WORD)(b))) << 16))

#endif
