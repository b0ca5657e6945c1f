/* mdfuzz clean-room Windows ABI: the user-interface calls a card module
 * must never make (CMR.1.0.3), declared so vendor sources build, and
 * trapped: each one reports the finding through mdf_finding() and aborts
 * (compat/ui.c).  Link names carry an mdf_win_ prefix. */
#ifndef MDF_COMPAT_WINUSER_H
#define MDF_COMPAT_WINUSER_H

#include "mdf_wintypes.h"

MDF_EXTERN_C_BEGIN

typedef HANDLE HMENU, HICON, HDC;
typedef UINT_PTR WPARAM;
typedef LONG_PTR LPARAM, LRESULT;
typedef INT_PTR(CALLBACK *DLGPROC)(HWND, UINT, WPARAM, LPARAM);
typedef struct MDF_DLGTEMPLATE DLGTEMPLATE;
typedef const DLGTEMPLATE *LPCDLGTEMPLATEA, *LPCDLGTEMPLATEW;
#define MAKEINTRESOURCEA(i) ((LPSTR)((ULONG_PTR)((WORD)(i))))
#define MAKEINTRESOURCEW(i) ((LPWSTR)((ULONG_PTR)((WORD)(i))))

/* MessageBox buttons, icons and modality. */
#define MB_OK 0x00000000
#define MB_OKCANCEL 0x00000001
#define MB_ABORTRETRYIGNORE 0x00000002
#define MB_YESNOCANCEL 0x00000003
#define MB_YESNO 0x00000004
#define MB_RETRYCANCEL 0x00000005
#define MB_CANCELTRYCONTINUE 0x00000006
#define MB_ICONHAND 0x00000010
#define MB_ICONERROR MB_ICONHAND
#define MB_ICONSTOP MB_ICONHAND
#define MB_ICONQUESTION 0x00000020
#define MB_ICONEXCLAMATION 0x00000030
#define MB_ICONWARNING MB_ICONEXCLAMATION
#define MB_ICONASTERISK 0x00000040
#define MB_ICONINFORMATION MB_ICONASTERISK
#define MB_DEFBUTTON1 0x00000000
#define MB_DEFBUTTON2 0x00000100
#define MB_DEFBUTTON3 0x00000200
#define MB_APPLMODAL 0x00000000
#define MB_SYSTEMMODAL 0x00001000
#define MB_TASKMODAL 0x00002000
#define MB_SETFOREGROUND 0x00010000
#define MB_TOPMOST 0x00040000
/* Dialog results. */
#define IDOK 1
#define IDCANCEL 2
#define IDABORT 3
#define IDRETRY 4
#define IDIGNORE 5
#define IDYES 6
#define IDNO 7

/* TaskDialog (comctl32). */
typedef int TASKDIALOG_COMMON_BUTTON_FLAGS;
#define TDCBF_OK_BUTTON 0x0001
#define TDCBF_YES_BUTTON 0x0002
#define TDCBF_NO_BUTTON 0x0004
#define TDCBF_CANCEL_BUTTON 0x0008
#define TDCBF_RETRY_BUTTON 0x0010
#define TDCBF_CLOSE_BUTTON 0x0020
/* Only the first field is declared: the trap never reads the struct. */
typedef struct _TASKDIALOGCONFIG {
  UINT cbSize;
} TASKDIALOGCONFIG;

#define MessageBoxA mdf_win_MessageBoxA
#define MessageBoxW mdf_win_MessageBoxW
#define MessageBoxExA mdf_win_MessageBoxExA
#define MessageBoxExW mdf_win_MessageBoxExW
#define DialogBoxParamA mdf_win_DialogBoxParamA
#define DialogBoxParamW mdf_win_DialogBoxParamW
#define DialogBoxIndirectParamA mdf_win_DialogBoxIndirectParamA
#define DialogBoxIndirectParamW mdf_win_DialogBoxIndirectParamW
#define CreateDialogParamW mdf_win_CreateDialogParamW
#define CreateWindowExA mdf_win_CreateWindowExA
#define CreateWindowExW mdf_win_CreateWindowExW
#define TaskDialog mdf_win_TaskDialog
#define TaskDialogIndirect mdf_win_TaskDialogIndirect

int WINAPI MessageBoxA(HWND hWnd, LPCSTR lpText, LPCSTR lpCaption, UINT uType);
int WINAPI MessageBoxW(HWND hWnd, LPCWSTR lpText, LPCWSTR lpCaption, UINT uType);
int WINAPI MessageBoxExA(HWND hWnd, LPCSTR lpText, LPCSTR lpCaption, UINT uType, WORD wLanguageId);
int WINAPI MessageBoxExW(HWND hWnd, LPCWSTR lpText, LPCWSTR lpCaption, UINT uType,
                         WORD wLanguageId);
INT_PTR WINAPI DialogBoxParamA(HINSTANCE hInstance, LPCSTR lpTemplateName, HWND hWndParent,
                               DLGPROC lpDialogFunc, LPARAM dwInitParam);
INT_PTR WINAPI DialogBoxParamW(HINSTANCE hInstance, LPCWSTR lpTemplateName, HWND hWndParent,
                               DLGPROC lpDialogFunc, LPARAM dwInitParam);
INT_PTR WINAPI DialogBoxIndirectParamA(HINSTANCE hInstance, LPCDLGTEMPLATEA hDialogTemplate,
                                       HWND hWndParent, DLGPROC lpDialogFunc, LPARAM dwInitParam);
INT_PTR WINAPI DialogBoxIndirectParamW(HINSTANCE hInstance, LPCDLGTEMPLATEW hDialogTemplate,
                                       HWND hWndParent, DLGPROC lpDialogFunc, LPARAM dwInitParam);
HWND WINAPI CreateDialogParamW(HINSTANCE hInstance, LPCWSTR lpTemplateName, HWND hWndParent,
                               DLGPROC lpDialogFunc, LPARAM dwInitParam);
HWND WINAPI CreateWindowExA(DWORD dwExStyle, LPCSTR lpClassName, LPCSTR lpWindowName, DWORD dwStyle,
                            int X, int Y, int nWidth, int nHeight, HWND hWndParent, HMENU hMenu,
                            HINSTANCE hInstance, LPVOID lpParam);
HWND WINAPI CreateWindowExW(DWORD dwExStyle, LPCWSTR lpClassName, LPCWSTR lpWindowName,
                            DWORD dwStyle, int X, int Y, int nWidth, int nHeight, HWND hWndParent,
                            HMENU hMenu, HINSTANCE hInstance, LPVOID lpParam);
HRESULT WINAPI TaskDialog(HWND hwndOwner, HINSTANCE hInstance, LPCWSTR pszWindowTitle,
                          LPCWSTR pszMainInstruction, LPCWSTR pszContent,
                          TASKDIALOG_COMMON_BUTTON_FLAGS dwCommonButtons, LPCWSTR pszIcon,
                          int *pnButton);
HRESULT WINAPI TaskDialogIndirect(const TASKDIALOGCONFIG *pTaskConfig, int *pnButton,
                                  int *pnRadioButton, BOOL *pfVerificationFlagChecked);

#define DialogBoxParam DialogBoxParamW
#ifdef UNICODE
#define MessageBox MessageBoxW
#define MessageBoxEx MessageBoxExW
#define CreateWindowEx CreateWindowExW
#else
#define MessageBox MessageBoxA
#define MessageBoxEx MessageBoxExA
#define CreateWindowEx CreateWindowExA
#endif

MDF_EXTERN_C_END

#endif
