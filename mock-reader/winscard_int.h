/* Helpers shared by the two halves of the Windows-ABI SCard* front end. */
#ifndef MDFUZZ_WINSCARD_INT_H
#define MDFUZZ_WINSCARD_INT_H

#include <stdbool.h>
#include <winscard.h>

#include "reader_int.h"

/* SCARD_S_SUCCESS, or why a card handle cannot be used now:
 * SCARD_E_INVALID_HANDLE, SCARD_E_NO_SMARTCARD, SCARD_W_REMOVED_CARD,
 * SCARD_W_RESET_CARD. */
LONG mdf__win_card_check(SCARDHANDLE h);
bool mdf__win_ctx_ok(SCARDCONTEXT h);

/* Return n units of unit bytes the Windows way.  buf NULL: length only;
 * *pcb == SCARD_AUTOALLOCATE: a block (freed by SCardFreeMemory) whose
 * address is stored at buf; *pcb too small: SCARD_E_INSUFFICIENT_BUFFER with
 * *pcb = n.  *pcb is in units. */
LONG mdf__win_put(const void *src, size_t n, size_t unit, void *buf, LPDWORD pcb);
/* Release a block mdf__win_put allocated (false if it is not one). */
bool mdf__win_release(const void *p);

/* The reader name as a double-NUL multi-string, narrow and wide. */
#define MDF__READER_MSZ_LEN (sizeof(MDF_READER_NAME) + 1)
extern const char mdf__reader_msz[MDF__READER_MSZ_LEN];
const WCHAR *mdf__reader_msz_w(void);

#endif
