/* UI traps: a card module must not present UI (CMR.1.0.3).  Every entry
 * point reports the finding and aborts, whatever its arguments. */
#include "winuser.h"

#include "mdfuzz/common/finding.h"
#include "mdfuzz/common/finding_ids.h"

#define TRAP(name) mdf_finding("CMR.1.0.3", "%s called: the card module may not present UI", name)

int WINAPI MessageBoxA(HWND h, LPCSTR t, LPCSTR c, UINT u) {
  (void)h, (void)t, (void)c, (void)u;
  TRAP("MessageBoxA");
}
int WINAPI MessageBoxW(HWND h, LPCWSTR t, LPCWSTR c, UINT u) {
  (void)h, (void)t, (void)c, (void)u;
  TRAP("MessageBoxW");
}
int WINAPI MessageBoxExA(HWND h, LPCSTR t, LPCSTR c, UINT u, WORD l) {
  (void)h, (void)t, (void)c, (void)u, (void)l;
  TRAP("MessageBoxExA");
}
int WINAPI MessageBoxExW(HWND h, LPCWSTR t, LPCWSTR c, UINT u, WORD l) {
  (void)h, (void)t, (void)c, (void)u, (void)l;
  TRAP("MessageBoxExW");
}
INT_PTR WINAPI DialogBoxParamA(HINSTANCE i, LPCSTR t, HWND p, DLGPROC f, LPARAM a) {
  (void)i, (void)t, (void)p, (void)f, (void)a;
  TRAP("DialogBoxParamA");
}
INT_PTR WINAPI DialogBoxParamW(HINSTANCE i, LPCWSTR t, HWND p, DLGPROC f, LPARAM a) {
  (void)i, (void)t, (void)p, (void)f, (void)a;
  TRAP("DialogBoxParamW");
}
INT_PTR WINAPI DialogBoxIndirectParamA(HINSTANCE i, LPCDLGTEMPLATEA t, HWND p, DLGPROC f, LPARAM a) {
  (void)i, (void)t, (void)p, (void)f, (void)a;
  TRAP("DialogBoxIndirectParamA");
}
INT_PTR WINAPI DialogBoxIndirectParamW(HINSTANCE i, LPCDLGTEMPLATEW t, HWND p, DLGPROC f, LPARAM a) {
  (void)i, (void)t, (void)p, (void)f, (void)a;
  TRAP("DialogBoxIndirectParamW");
}
HWND WINAPI CreateDialogParamW(HINSTANCE i, LPCWSTR t, HWND p, DLGPROC f, LPARAM a) {
  (void)i, (void)t, (void)p, (void)f, (void)a;
  TRAP("CreateDialogParamW");
}
HWND WINAPI CreateWindowExA(DWORD ex, LPCSTR cls, LPCSTR name, DWORD st, int x, int y, int w, int h, HWND p,
                            HMENU m, HINSTANCE i, LPVOID a) {
  (void)ex, (void)cls, (void)name, (void)st, (void)x, (void)y, (void)w, (void)h, (void)p, (void)m, (void)i, (void)a;
  TRAP("CreateWindowExA");
}
HWND WINAPI CreateWindowExW(DWORD ex, LPCWSTR cls, LPCWSTR name, DWORD st, int x, int y, int w, int h, HWND p,
                            HMENU m, HINSTANCE i, LPVOID a) {
  (void)ex, (void)cls, (void)name, (void)st, (void)x, (void)y, (void)w, (void)h, (void)p, (void)m, (void)i, (void)a;
  TRAP("CreateWindowExW");
}
HRESULT WINAPI TaskDialog(HWND o, HINSTANCE i, LPCWSTR t, LPCWSTR m, LPCWSTR c, TASKDIALOG_COMMON_BUTTON_FLAGS b,
                          LPCWSTR icon, int *pb) {
  (void)o, (void)i, (void)t, (void)m, (void)c, (void)b, (void)icon, (void)pb;
  TRAP("TaskDialog");
}
HRESULT WINAPI TaskDialogIndirect(const TASKDIALOGCONFIG *cfg, int *pb, int *pr, BOOL *pv) {
  (void)cfg, (void)pb, (void)pr, (void)pv;
  TRAP("TaskDialogIndirect");
}
