/* Simulated card: file system (personalisation, SELECT, READ/UPDATE BINARY,
 * CREATE/DELETE FILE) as docs/simcard.md specifies. */
#include <string.h>

#include "mdfuzz/common/bytes.h"
#include "sim_int.h"

#define MF 0
#define FID_NAMEDIR 0x0DD0
#define NAMEDIR_SIZE 384
#define CMAP_RECORD 86

static const uint8_t card_guid[16] = {0x6d, 0x64, 0x66, 0x75, 0x7a, 0x7a, 0x2d, 0x73,
                                      0x69, 0x6d, 0x2d, 0x67, 0x75, 0x69, 0x64, 0x01};

bool mdf__sim_ac_ok(const mdf__sim_state_t *st, uint8_t ac) {
  switch (ac) {
  case MDF__SIM_AC_ALWAYS:
    return true;
  case MDF__SIM_AC_USER:
    return st->user_verified;
  case MDF__SIM_AC_ADMIN:
    return st->admin_verified;
  default:
    return false;
  }
}

void mdf__sim_session_reset(mdf__sim_state_t *st) {
  st->user_verified = st->admin_verified = false;
  st->cur_df = MF;
  st->cur_ef = MDF__SIM_NONE;
  st->have_challenge = false;
  st->se_sign = st->se_decipher = 0;
  st->pending_len = st->pending_off = 0;
}

static int find_child(const mdf__sim_state_t *st, int df, uint16_t fid) {
  for (int i = 1; i < MDF__SIM_MAX_FILES; i++)
    if (st->files[i].used && st->files[i].parent == df && st->files[i].fid == fid)
      return i;
  return -1;
}

static int find_df_name(const mdf__sim_state_t *st, const uint8_t *name, size_t len) {
  for (int i = 0; i < MDF__SIM_MAX_FILES; i++) {
    const mdf__sim_file_t *f = &st->files[i];
    if (f->used && f->type == MDF__SIM_FT_DF && f->name_len == len && !memcmp(f->name, name, len))
      return i;
  }
  return -1;
}

/* Allocate a file entry and its contents (zero-filled unless content is
 * given).  Returns the index, or -1 when a limit is reached. */
static int add_file(mdf__sim_state_t *st, int parent, uint8_t type, uint16_t fid, size_t size,
                    uint8_t acr, uint8_t acw, const uint8_t *name, size_t name_len) {
  int idx = -1;
  for (int i = 0; i < MDF__SIM_MAX_FILES && idx < 0; i++)
    if (!st->files[i].used)
      idx = i;
  if (idx < 0 || size > MDF__SIM_EF_MAX || st->data_used + size > MDF__SIM_DATA_MAX ||
      name_len > MDF__SIM_NAME_MAX)
    return -1;
  mdf__sim_file_t *f = &st->files[idx];
  memset(f, 0, sizeof(*f));
  f->used = 1;
  f->type = type;
  f->parent = (uint8_t)parent;
  f->fid = fid;
  f->ac_read = acr;
  f->ac_write = acw;
  f->name_len = (uint8_t)name_len;
  if (name_len)
    memcpy(f->name, name, name_len);
  if (type == MDF__SIM_FT_EF) {
    f->size = (uint16_t)size;
    f->off = st->data_used;
    memset(st->data + f->off, 0, size);
    st->data_used = (uint16_t)(st->data_used + size);
  }
  return idx;
}

/* Remove a file and close the gap its contents leave in the data pool. */
static void remove_file(mdf__sim_state_t *st, int idx) {
  mdf__sim_file_t *f = &st->files[idx];
  if (f->type == MDF__SIM_FT_EF && f->size) {
    size_t end = (size_t)f->off + f->size;
    memmove(st->data + f->off, st->data + end, st->data_used - end);
    for (int i = 0; i < MDF__SIM_MAX_FILES; i++)
      if (st->files[i].used && st->files[i].type == MDF__SIM_FT_EF && st->files[i].off > f->off)
        st->files[i].off = (uint16_t)(st->files[i].off - f->size);
    st->data_used = (uint16_t)(st->data_used - f->size);
  }
  memset(f, 0, sizeof(*f));
}

/* ---- personalisation ---- */

static void dir_entry(uint8_t *rec, const char *name, uint16_t fid, uint8_t type, uint8_t acl) {
  memset(rec, 0, 12);
  memcpy(rec, name, strnlen(name, 8));
  mdf_put_be16(rec + 8, fid);
  rec[10] = type;
  rec[11] = acl;
}

static void cmap_record(uint8_t *rec, const char *guid, uint8_t flags, uint16_t sig, uint16_t kx) {
  memset(rec, 0, CMAP_RECORD);
  for (size_t i = 0; guid[i] && i < 39; i++)
    mdf_put_le16(rec + 2 * i, (uint8_t)guid[i]);
  rec[80] = flags;
  mdf_put_le16(rec + 82, sig);
  mdf_put_le16(rec + 84, kx);
}

static int add_ef(mdf__sim_state_t *st, int parent, uint16_t fid, const uint8_t *content,
                  size_t len, uint8_t acw) {
  int idx = add_file(st, parent, MDF__SIM_FT_EF, fid, len, MDF__SIM_AC_ALWAYS, acw, NULL, 0);
  if (idx >= 0 && content)
    memcpy(st->data + st->files[idx].off, content, len);
  return idx;
}

mdf_err_t mdf__sim_personalise(mdf__sim_state_t *st) {
  uint8_t buf[NAMEDIR_SIZE];
  int ok = 1;
  memset(st, 0, sizeof(*st));
  ok &= add_file(st, MF, MDF__SIM_FT_DF, 0x3F00, 0, MDF__SIM_AC_ALWAYS, MDF__SIM_AC_USER, NULL,
                 0) == MF;

  memset(buf, 0, sizeof(buf));
  dir_entry(buf + 0, "cardid", 0x1001, MDF__SIM_FT_EF, 3);  /* EveryoneReadAdminWriteAc */
  dir_entry(buf + 12, "cardcf", 0x1002, MDF__SIM_FT_EF, 1); /* EveryoneReadUserWriteAc */
  dir_entry(buf + 24, "cardapps", 0x1003, MDF__SIM_FT_EF, 3);
  dir_entry(buf + 36, "mscp", 0x5000, MDF__SIM_FT_DF, 1); /* UserCreateDeleteDirAc */
  ok &= add_ef(st, MF, FID_NAMEDIR, buf, NAMEDIR_SIZE, MDF__SIM_AC_USER) >= 0;
  ok &= add_ef(st, MF, 0x1001, card_guid, sizeof(card_guid), MDF__SIM_AC_ADMIN) >= 0;
  ok &= add_ef(st, MF, 0x1002, NULL, 6, MDF__SIM_AC_USER) >= 0;
  ok &= add_ef(st, MF, 0x1003, (const uint8_t *)"mscp\0\0\0\0", 8, MDF__SIM_AC_ADMIN) >= 0;

  int mscp = add_file(st, MF, MDF__SIM_FT_DF, 0x5000, 0, MDF__SIM_AC_ALWAYS, MDF__SIM_AC_USER,
                      (const uint8_t *)"mscp", 4);
  ok &= mscp > 0;
  memset(buf, 0, sizeof(buf));
  dir_entry(buf + 0, "cmapfile", 0x5001, MDF__SIM_FT_EF, 1);
  dir_entry(buf + 12, "kxc00", 0x5002, MDF__SIM_FT_EF, 1);
  dir_entry(buf + 24, "ksc01", 0x5003, MDF__SIM_FT_EF, 1);
  ok &= add_ef(st, mscp, FID_NAMEDIR, buf, NAMEDIR_SIZE, MDF__SIM_AC_USER) >= 0;
  cmap_record(buf, "{6D646675-7A7A-5349-4D00-000000000000}", 0x03, 0, 2048);
  cmap_record(buf + CMAP_RECORD, "{6D646675-7A7A-5349-4D00-000000000001}", 0x01, 256, 0);
  ok &= add_ef(st, mscp, 0x5001, buf, 2 * CMAP_RECORD, MDF__SIM_AC_USER) >= 0;
  ok &= add_ef(st, mscp, 0x5002, mdf__sim_rsa_cert.p, mdf__sim_rsa_cert.len, MDF__SIM_AC_USER) >= 0;
  ok &= add_ef(st, mscp, 0x5003, mdf__sim_ec_cert.p, mdf__sim_ec_cert.len, MDF__SIM_AC_USER) >= 0;

  static const mdf__sim_pin_t user = {{'1', '2', '3', '4'}, 4, 3, 3};
  static const mdf__sim_pin_t admin = {{'1', '2', '3', '4', '5', '6', '7', '8'}, 8, 5, 5};
  st->pins[MDF__SIM_PIN_USER] = user;
  st->pins[MDF__SIM_PIN_ADMIN] = admin;
  memset(st->keys, MDF__SIM_NONE, sizeof(st->keys));
  st->keys[0] = 0;                   /* ref 01: RSA pool key 0 */
  st->keys[1] = MDF__SIM_KEY_EC | 0; /* ref 02: ECC pool key 0 */
  st->next_rsa = st->next_ec = 1;
  st->rng = 0x6d64667a7a73696dULL;
  mdf__sim_session_reset(st);
  return ok ? MDF_OK : MDF_ENOMEM;
}

/* ---- commands ---- */

static size_t put_fcp(const mdf__sim_file_t *f, uint8_t *p) {
  size_t n = 2;
  p[n++] = 0x82, p[n++] = 1, p[n++] = f->type;
  p[n++] = 0x83, p[n++] = 2, mdf_put_be16(p + n, f->fid), n += 2;
  if (f->type == MDF__SIM_FT_EF) {
    p[n++] = 0x80, p[n++] = 2, mdf_put_be16(p + n, f->size), n += 2;
  } else if (f->name_len) {
    p[n++] = 0x84, p[n++] = f->name_len;
    memcpy(p + n, f->name, f->name_len), n += f->name_len;
  }
  p[n++] = 0x86, p[n++] = 2, p[n++] = f->ac_read, p[n++] = f->ac_write;
  p[0] = 0x62;
  p[1] = (uint8_t)(n - 2);
  return n;
}

uint16_t mdf__sim_select(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len) {
  mdf__sim_state_t *st = &sim->st;
  int idx = -1;
  if (a->p2 != 0x00 && a->p2 != 0x04 && a->p2 != 0x0C)
    return SW_WRONG_P1P2;
  switch (a->p1) {
  case 0x00: {
    if (a->lc != 2)
      return SW_WRONG_LENGTH;
    uint16_t fid = mdf_be16(a->data);
    int parent = st->files[st->cur_df].parent;
    if (fid == 0x3F00)
      idx = MF;
    else if ((idx = find_child(st, st->cur_df, fid)) >= 0)
      ;
    else if (st->files[st->cur_df].fid == fid)
      idx = st->cur_df;
    else if (st->files[parent].fid == fid)
      idx = parent;
    break;
  }
  case 0x04:
    if (a->lc < 1 || a->lc > MDF__SIM_NAME_MAX)
      return SW_WRONG_LENGTH;
    idx = find_df_name(st, a->data, a->lc);
    break;
  case 0x08:
    if (a->lc < 2 || a->lc % 2)
      return SW_WRONG_LENGTH;
    idx = MF;
    for (size_t i = 0; i < a->lc && idx >= 0; i += 2) {
      if (st->files[idx].type != MDF__SIM_FT_DF)
        idx = -1;
      else
        idx = find_child(st, idx, mdf_be16(a->data + i));
    }
    break;
  default:
    return SW_WRONG_P1P2;
  }
  if (idx < 0)
    return SW_NOT_FOUND;
  const mdf__sim_file_t *f = &st->files[idx];
  if (f->type == MDF__SIM_FT_DF) {
    st->cur_df = (uint8_t)idx;
    st->cur_ef = MDF__SIM_NONE;
  } else {
    st->cur_df = f->parent;
    st->cur_ef = (uint8_t)idx;
  }
  if (a->p2 != 0x0C)
    *out_len = put_fcp(f, st->resp);
  return SW_OK;
}

uint16_t mdf__sim_read_binary(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len) {
  mdf__sim_state_t *st = &sim->st;
  if (a->lc)
    return SW_WRONG_LENGTH;
  if (st->cur_ef == MDF__SIM_NONE)
    return SW_NO_EF;
  const mdf__sim_file_t *f = &st->files[st->cur_ef];
  if (!mdf__sim_ac_ok(st, f->ac_read))
    return SW_SEC_NOT_SATISFIED;
  size_t off = (size_t)a->p1 << 8 | a->p2;
  if (off >= f->size)
    return SW_WRONG_OFFSET;
  size_t left = f->size - off, take;
  if (a->ext)
    take = a->has_le && a->ne < left ? a->ne : left;
  else if (!a->has_le || a->ne == 256) /* Le=00: up to 256 */
    take = left < 256 ? left : 256;
  else if (a->ne > left)
    return (uint16_t)(0x6C00 | left);
  else
    take = a->ne;
  memcpy(st->resp, st->data + f->off + off, take);
  *out_len = take;
  return SW_OK;
}

uint16_t mdf__sim_update_binary(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len) {
  mdf__sim_state_t *st = &sim->st;
  (void)out_len;
  if (!a->lc)
    return SW_WRONG_LENGTH;
  if (st->cur_ef == MDF__SIM_NONE)
    return SW_NO_EF;
  const mdf__sim_file_t *f = &st->files[st->cur_ef];
  if (!mdf__sim_ac_ok(st, f->ac_write))
    return SW_SEC_NOT_SATISFIED;
  size_t off = (size_t)a->p1 << 8 | a->p2;
  if (off + a->lc > f->size)
    return SW_WRONG_LENGTH;
  memcpy(st->data + f->off + off, a->data, a->lc);
  return SW_OK;
}

/* The FCP of CREATE FILE, parsed. */
typedef struct fcp {
  uint8_t type, acr, acw, name_len;
  uint16_t fid, size;
  const uint8_t *name;
  bool has_fid, has_size;
} fcp_t;

static uint16_t parse_fcp(const uint8_t *p, size_t len, fcp_t *f) {
  memset(f, 0, sizeof(*f));
  for (size_t i = 0; i < len;) {
    if (i + 2 > len || i + 2 + p[i + 1] > len || p[i + 1] >= 0x80)
      return SW_WRONG_DATA;
    uint8_t tag = p[i], l = p[i + 1];
    const uint8_t *v = p + i + 2;
    if ((tag == 0x82 && l != 1) || ((tag == 0x83 || tag == 0x80 || tag == 0x86) && l != 2) ||
        (tag == 0x84 && (l < 1 || l > MDF__SIM_NAME_MAX)))
      return SW_WRONG_DATA;
    if (tag == 0x82)
      f->type = v[0];
    else if (tag == 0x83)
      f->fid = mdf_be16(v), f->has_fid = true;
    else if (tag == 0x80)
      f->size = mdf_be16(v), f->has_size = true;
    else if (tag == 0x84)
      f->name = v, f->name_len = l;
    else if (tag == 0x86)
      f->acr = v[0], f->acw = v[1];
    i += 2 + (size_t)l; /* other tags are ignored, as ISO allows */
  }
  if ((f->type != MDF__SIM_FT_EF && f->type != MDF__SIM_FT_DF) || !f->has_fid || f->fid == 0x3F00 ||
      f->fid == 0x0000 || f->fid == 0xFFFF || (f->type == MDF__SIM_FT_EF && !f->has_size))
    return SW_WRONG_DATA;
  return SW_OK;
}

uint16_t mdf__sim_create_file(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len) {
  mdf__sim_state_t *st = &sim->st;
  fcp_t f;
  (void)out_len;
  if (a->p1 || a->p2)
    return SW_WRONG_P1P2;
  if (a->lc < 2 || a->data[0] != 0x62 || a->data[1] != a->lc - 2)
    return SW_WRONG_LENGTH;
  uint16_t sw = parse_fcp(a->data + 2, a->lc - 2, &f);
  if (sw != SW_OK)
    return sw;
  if (!mdf__sim_ac_ok(st, st->files[st->cur_df].ac_write))
    return SW_SEC_NOT_SATISFIED;
  if (find_child(st, st->cur_df, f.fid) >= 0 ||
      (f.name_len && find_df_name(st, f.name, f.name_len) >= 0))
    return SW_EXISTS;
  size_t size = f.type == MDF__SIM_FT_EF ? f.size : 0;
  int idx = add_file(st, st->cur_df, f.type, f.fid, size, f.acr, f.acw, f.name,
                     f.type == MDF__SIM_FT_DF ? f.name_len : 0);
  if (idx < 0)
    return SW_NO_SPACE;
  if (f.type == MDF__SIM_FT_DF) {
    st->cur_df = (uint8_t)idx;
    st->cur_ef = MDF__SIM_NONE;
  } else {
    st->cur_ef = (uint8_t)idx;
  }
  return SW_OK;
}

uint16_t mdf__sim_delete_file(mdf_sim_t *sim, const mdf__sim_apdu_t *a, size_t *out_len) {
  mdf__sim_state_t *st = &sim->st;
  (void)out_len;
  if (a->p1 || a->p2)
    return SW_WRONG_P1P2;
  if (a->lc != 2)
    return SW_WRONG_LENGTH;
  if (!mdf__sim_ac_ok(st, st->files[st->cur_df].ac_write))
    return SW_SEC_NOT_SATISFIED;
  int idx = find_child(st, st->cur_df, mdf_be16(a->data));
  if (idx < 0)
    return SW_NOT_FOUND;
  if (st->files[idx].type == MDF__SIM_FT_DF)
    for (int i = 1; i < MDF__SIM_MAX_FILES; i++)
      if (st->files[i].used && st->files[i].parent == idx)
        return SW_COND_NOT_SATISFIED;
  if (st->cur_ef == idx)
    st->cur_ef = MDF__SIM_NONE;
  remove_file(st, idx);
  return SW_OK;
}
