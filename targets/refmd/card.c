/* refmd card commands: the ISO 7816-4 file system and status queries of
 * the simulated card (docs/simcard.md), one small function per command. */
#include <string.h>

#include "refmd.h"

BOOL refmd_tlv_len(const BYTE *p, DWORD n, DWORD *i, DWORD *len) {
  DWORD l;
  if (*i >= n)
    return FALSE;
  l = p[(*i)++];
  if (l == 0x81) {
    if (*i >= n)
      return FALSE;
    l = p[(*i)++];
  } else if (l == 0x82) {
    if (n - *i < 2)
      return FALSE;
    l = ((DWORD)p[*i] << 8) | p[*i + 1];
    *i += 2;
  } else if (l > 0x7F) {
    return FALSE;
  }
  if (l > n - *i)
    return FALSE;
  *len = l;
  return TRUE;
}

DWORD refmd_fcp_parse(const BYTE *p, DWORD n, refmd_fcp_t *fcp) {
  DWORD i = 0, len = 0, end;

  memset(fcp, 0, sizeof *fcp);
  fcp->ac_read = fcp->ac_write = REFMD_AC_NEVER;
  if (n < 2 || p[i++] != 0x62 || !refmd_tlv_len(p, n, &i, &len))
    return SCARD_E_UNEXPECTED;
  end = i + len;
  while (i < end) {
    BYTE tag = p[i++];
    DWORD l = 0;
    if (!refmd_tlv_len(p, end, &i, &l))
      return SCARD_E_UNEXPECTED;
    switch (tag) {
    case 0x82:
      if (l >= 1)
        fcp->type = p[i];
      break;
    case 0x83:
      if (l == 2)
        fcp->fid = (WORD)((p[i] << 8) | p[i + 1]);
      break;
    case 0x80:
      if (l == 2) {
        fcp->size = ((DWORD)p[i] << 8) | p[i + 1];
        fcp->has_size = TRUE;
      }
      break;
    case 0x86:
      if (l == 2) {
        fcp->ac_read = p[i];
        fcp->ac_write = p[i + 1];
      }
      break;
    default:
      break; /* 84 (DF name) and unknown tags are not needed */
    }
    i += l;
  }
  return SCARD_S_SUCCESS;
}

DWORD refmd_select(PCARD_DATA pCardData, WORD df, WORD fid, refmd_fcp_t *fcp) {
  BYTE path[4];
  DWORD n = 0, rc;
  refmd_apdu_t a = {0x00, 0xA4, 0x08, fcp ? 0x04 : 0x0C, path, 0, fcp ? 256 : 0};
  refmd_rsp_t rsp;

  if (df == 0 && fid == 0) {
    /* The MF itself: select by FID 3F00. */
    path[n++] = REFMD_FID_MF >> 8;
    path[n++] = REFMD_FID_MF & 0xFF;
    a.p1 = 0x00;
  } else {
    if (df) {
      path[n++] = (BYTE)(df >> 8);
      path[n++] = (BYTE)df;
    }
    if (fid) {
      path[n++] = (BYTE)(fid >> 8);
      path[n++] = (BYTE)fid;
    }
  }
  a.lc = n;
  rc = refmd_send(pCardData, &a, &rsp);
  if (rc || !fcp)
    return rc;
  return refmd_fcp_parse(rsp.data, rsp.len, fcp);
}

DWORD refmd_select_ef(PCARD_DATA pCardData, WORD df, WORD fid, refmd_fcp_t *fcp) {
  DWORD rc = refmd_select(pCardData, df, fid, fcp);

  if (rc)
    return rc;
  /* Anything else under a file name is a broken or hostile card. */
  return fcp->type == REFMD_FT_EF && fcp->has_size ? SCARD_S_SUCCESS : SCARD_E_UNEXPECTED;
}

DWORD refmd_read_chunk(PCARD_DATA pCardData, DWORD off, DWORD want, refmd_rsp_t *rsp) {
  refmd_apdu_t a = {0x00, 0xB0, (BYTE)(off >> 8), (BYTE)off, NULL, 0, want};
  DWORD rc;

  if (off > 0x7FFF || want == 0 || want > REFMD_CHUNK)
    return SCARD_E_INVALID_PARAMETER;
  rc = refmd_transmit(pCardData, &a, rsp);
  if (rc)
    return rc;
  if (rsp->sw == 0x9000 || rsp->sw == 0x6282)
    return SCARD_S_SUCCESS;
  return refmd_sw_error(rsp->sw);
}

DWORD refmd_read_binary(PCARD_DATA pCardData, DWORD off, BYTE *buf, DWORD n) {
  refmd_rsp_t rsp;
  DWORD done = 0, rc;

  while (done < n) {
    DWORD want = n - done < REFMD_CHUNK ? n - done : REFMD_CHUNK;
    rc = refmd_read_chunk(pCardData, off + done, want, &rsp);
    if (rc)
      return rc;
    /* Internal reads need every byte: short, empty or long answers are errors. */
    if (rsp.sw != 0x9000 || rsp.len != want)
      return SCARD_E_UNEXPECTED;
    memcpy(buf + done, rsp.data, want);
    done += want;
  }
  return SCARD_S_SUCCESS;
}

DWORD refmd_update_binary(PCARD_DATA pCardData, DWORD off, const BYTE *buf, DWORD n) {
  refmd_rsp_t rsp;
  DWORD done = 0, rc;

  while (done < n) {
    DWORD len = n - done < 255 ? n - done : 255;
    DWORD at = off + done;
    refmd_apdu_t a = {0x00, 0xD6, (BYTE)(at >> 8), (BYTE)at, buf + done, len, 0};
    if (at > 0x7FFF)
      return SCARD_E_INVALID_PARAMETER;
    rc = refmd_send(pCardData, &a, &rsp);
    if (rc)
      return rc;
    done += len;
  }
  return SCARD_S_SUCCESS;
}

DWORD refmd_create_ef(PCARD_DATA pCardData, WORD fid, DWORD size, BYTE ac_read, BYTE ac_write) {
  BYTE fcp[] = {0x62,        0x0F, 0x82, 0x01,
                REFMD_FT_EF, 0x83, 0x02, (BYTE)(fid >> 8),
                (BYTE)fid,   0x80, 0x02, (BYTE)(size >> 8),
                (BYTE)size,  0x86, 0x02, ac_read,
                ac_write};
  refmd_apdu_t a = {0x00, 0xE0, 0x00, 0x00, fcp, sizeof fcp, 0};
  refmd_rsp_t rsp;

  if (size > REFMD_EF_MAX)
    return SCARD_E_INVALID_PARAMETER;
  return refmd_send(pCardData, &a, &rsp);
}

DWORD refmd_create_df(PCARD_DATA pCardData, WORD fid, const char *name, BYTE ac_write) {
  BYTE fcp[2 + 3 + 4 + 2 + REFMD_NAME_MAX + 4];
  size_t nl = strlen(name);
  DWORD n = 0;
  refmd_apdu_t a = {0x00, 0xE0, 0x00, 0x00, fcp, 0, 0};
  refmd_rsp_t rsp;

  if (nl == 0 || nl > REFMD_NAME_MAX)
    return SCARD_E_INVALID_PARAMETER;
  fcp[n++] = 0x62;
  fcp[n++] = (BYTE)(3 + 4 + 2 + nl + 4);
  fcp[n++] = 0x82, fcp[n++] = 0x01, fcp[n++] = REFMD_FT_DF;
  fcp[n++] = 0x83, fcp[n++] = 0x02, fcp[n++] = (BYTE)(fid >> 8), fcp[n++] = (BYTE)fid;
  fcp[n++] = 0x84, fcp[n++] = (BYTE)nl;
  memcpy(fcp + n, name, nl);
  n += (DWORD)nl;
  fcp[n++] = 0x86, fcp[n++] = 0x02, fcp[n++] = REFMD_AC_ALWAYS, fcp[n++] = ac_write;
  a.lc = n;
  return refmd_send(pCardData, &a, &rsp);
}

DWORD refmd_delete_file(PCARD_DATA pCardData, WORD fid) {
  BYTE data[2] = {(BYTE)(fid >> 8), (BYTE)fid};
  refmd_apdu_t a = {0x00, 0xE4, 0x00, 0x00, data, sizeof data, 0};
  refmd_rsp_t rsp;
  return refmd_send(pCardData, &a, &rsp);
}

DWORD refmd_pin_verified(PCARD_DATA pCardData, BYTE ref, BOOL *verified) {
  refmd_apdu_t a = {0x00, 0x20, 0x00, ref, NULL, 0, 0};
  refmd_rsp_t rsp;
  DWORD rc;

  *verified = FALSE;
  rc = refmd_transmit(pCardData, &a, &rsp);
  if (rc)
    return rc;
  /* 9000 verified; 63Cx / 6983 not verified; anything else is a card error. */
  if (rsp.sw == 0x9000)
    *verified = TRUE;
  else if ((rsp.sw & 0xFFF0) != 0x63C0 && rsp.sw != 0x6983)
    return refmd_sw_error(rsp.sw);
  return SCARD_S_SUCCESS;
}

DWORD refmd_ac_allowed(PCARD_DATA pCardData, BYTE ac) {
  BOOL ok = FALSE;
  DWORD rc;

  switch (ac) {
  case REFMD_AC_ALWAYS:
    return SCARD_S_SUCCESS;
  case REFMD_AC_USER:
    rc = refmd_pin_verified(pCardData, REFMD_PIN_USER, &ok);
    break;
  case REFMD_AC_ADMIN:
    rc = refmd_pin_verified(pCardData, REFMD_PIN_ADMIN, &ok);
    break;
  default:
    return SCARD_W_SECURITY_VIOLATION;
  }
  if (rc)
    return rc;
  return ok ? SCARD_S_SUCCESS : SCARD_W_SECURITY_VIOLATION;
}

DWORD refmd_any_verified(PCARD_DATA pCardData) {
  DWORD rc = refmd_ac_allowed(pCardData, REFMD_AC_USER);
  return rc == SCARD_W_SECURITY_VIOLATION ? refmd_ac_allowed(pCardData, REFMD_AC_ADMIN) : rc;
}

DWORD refmd_free_space(PCARD_DATA pCardData, DWORD *bytes, DWORD *slots, DWORD *max_slots) {
  refmd_apdu_t a = {0x80, 0xCA, 0x01, 0x01, NULL, 0, 4};
  refmd_rsp_t rsp;
  DWORD rc = refmd_send(pCardData, &a, &rsp);

  if (rc)
    return rc;
  if (rsp.len != 4)
    return SCARD_E_UNEXPECTED;
  *bytes = ((DWORD)rsp.data[0] << 8) | rsp.data[1];
  *slots = rsp.data[2];
  *max_slots = rsp.data[3];
  return SCARD_S_SUCCESS;
}
