/* mdfuzz: controls of the compat runtime (compat/, library mdf_compat).
 *
 * The compat runtime gives minidriver sources the Windows C-runtime and
 * Win32 functions they call (compat/include/).  Two behaviours of Windows
 * are policy for the harness to choose:
 *
 * - MSVC's *_s functions, on a NULL/too-small destination, call the
 *   "invalid parameter handler", which by default terminates the process.
 *   mdf_compat returns EINVAL/ERANGE (and empties the destination) unless a
 *   handler is installed here; mdf_compat_invalid_parameter_report is a
 *   ready-made handler that reports a finding.
 * - UI calls (MessageBox, DialogBoxParam, CreateWindowEx, TaskDialog*) always
 *   report CMR.1.0.3 through mdf_finding() and abort. */
#ifndef MDFUZZ_COMPAT_H
#define MDFUZZ_COMPAT_H

/* function: the C-runtime function ("wcscpy_s"); reason: what was wrong. */
typedef void (*mdf_compat_invalid_parameter_cb)(const char *function, const char *reason);

/* Install cb (NULL: just return the error code); returns the previous one.
 * Process-wide, not thread-safe: set it once at start-up. */
mdf_compat_invalid_parameter_cb
mdf_compat_set_invalid_parameter_handler(mdf_compat_invalid_parameter_cb cb);

/* Handler that reports an MDF_FINDING_ID(INVALID_PARAMETER) finding (does not return). */
void mdf_compat_invalid_parameter_report(const char *function, const char *reason);

/* Forget what one input's driver code left in the runtime: the calling
 * thread's last-error value (SetLastError) back to 0, as in a fresh
 * process, so an input never sees the previous input's GetLastError().
 * The installed invalid-parameter handler is configuration and stays.
 * Called by the fuzz glue's one per-input reset; no allocation. */
void mdf_compat_input_reset(void);

#endif
