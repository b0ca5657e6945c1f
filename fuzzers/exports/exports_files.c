/* Rows: the file system exports (directories, files, enumeration, file
 * info).  Names are copied into writable storage (the API takes LPSTR). */
#include "exports_int.h"

static const mdf_domain_t dom_finfo = {"file info", NULL, 0, NULL, 0, &mdf_sd_card_file_info,
                                       0,           NULL, 0};
static const mdf_domain_t dom_data = {"file data", NULL, 0, NULL, 0, NULL, 16, NULL, 0};

#define CD MDF__ARG_R(MDF_ARG_CARD_DATA, "pCardData", NULL, MDF_ROLE_CD)
#define DIR MDF__ARG_R(MDF_ARG_DIR_NAME, "pszDirectoryName", &mdf_dom_dir, MDF_ROLE_DIR)
#define FILE_ MDF__ARG_R(MDF_ARG_FILE_NAME, "pszFileName", &mdf_dom_file, MDF_ROLE_FILE)
#define FLAGS MDF__ARG_R(MDF_ARG_FLAGS, "dwFlags", NULL, MDF_ROLE_FLAGS)

/* ---- CardCreateDirectory (pCardData, pszDirectoryName, AccessCondition) ---- */
static DWORD mkdir_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a,
                          mdf_outputs_t *o) {
  (void)x;
  return cd->pfnCardCreateDirectory(MDF__CD(cd, a[0]), mdf__ex_name(o, 0, &a[1]),
                                    (CARD_DIRECTORY_ACCESS_CONDITION)a[2].u32);
}
static int mkdir_special(mdf_cmr_cond_t cond, const mdf_export_args_t *c, char *why, size_t cap) {
  const mdf_arg_t *a = c->args;

  if (cond != MDF_COND_BAD_ACCESS_COND)
    return -1;
  MDF_CMR_WHY(why, cap, "AccessCondition=%u", (unsigned)a[2].u32);
  return mdf__yes_if(a[2].u32 != UserCreateDeleteDirAc && a[2].u32 != AdminCreateDeleteDirAc);
}
static const mdf__roles_t mkdir_roles = {.dir_required = true, .special = mkdir_special};
MDF__CLASSIFIER(mkdir_classify, mkdir_roles)

/* ---- CardDeleteDirectory (pCardData, pszDirectoryName) ---- */
static DWORD rmdir_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a,
                          mdf_outputs_t *o) {
  (void)x;
  return cd->pfnCardDeleteDirectory(MDF__CD(cd, a[0]), mdf__ex_name(o, 0, &a[1]));
}
static const mdf__roles_t rmdir_roles = {.dir_required = true};
MDF__CLASSIFIER(rmdir_classify, rmdir_roles)

/* ---- CardCreateFile (pCardData, dir, file, cbInitialCreationSize, AccessCondition) ---- */
static DWORD create_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a,
                           mdf_outputs_t *o) {
  (void)x;
  return cd->pfnCardCreateFile(MDF__CD(cd, a[0]), mdf__ex_name(o, 0, &a[1]),
                               mdf__ex_name(o, 1, &a[2]), a[3].u32,
                               (CARD_FILE_ACCESS_CONDITION)a[4].u32);
}
static int create_special(mdf_cmr_cond_t cond, const mdf_export_args_t *c, char *why, size_t cap) {
  DWORD ac = c->args[4].u32;

  if (cond != MDF_COND_BAD_ACCESS_COND)
    return -1;
  MDF_CMR_WHY(why, cap, "AccessCondition=%u", (unsigned)ac);
  if (ac == EveryoneReadUserWriteAc || ac == UserWriteExecuteAc || ac == EveryoneReadAdminWriteAc)
    return MDF_NO;
  /* the v6 conditions are newer than the document's list */
  return ac == UserReadWriteAc || ac == AdminReadWriteAc ? MDF_MAYBE : MDF_YES;
}
static const mdf__roles_t create_roles = {.special = create_special};
MDF__CLASSIFIER(create_classify, create_roles)

/* ---- CardReadFile (pCardData, dir, file, dwFlags, ppbData, pcbData) ---- */
static DWORD read_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  (void)x;
  o->cb = 0xFFFFFFFFu; /* the driver must ignore it on input (CMR.3.4.3.3) */
  return cd->pfnCardReadFile(MDF__CD(cd, a[0]), mdf__ex_name(o, 0, &a[1]),
                             mdf__ex_name(o, 1, &a[2]), a[3].u32, MDF__OUT(a[4], &o->pb),
                             MDF__OUT(a[5], &o->cb));
}
static void read_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  mdf_harness_t *h = x->h;

  (void)a;
  mdf__ex_take(h, rc, "CMR.3.4.3.2", "*ppbData", o->pb, o->cb);
}

/* ---- CardWriteFile (pCardData, dir, file, dwFlags, pbData, cbData) ---- */
static DWORD write_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a,
                          mdf_outputs_t *o) {
  DWORD cb;
  PBYTE pb = mdf__ex_in(x, &a[4], &cb);

  return cd->pfnCardWriteFile(MDF__CD(cd, a[0]), mdf__ex_name(o, 0, &a[1]),
                              mdf__ex_name(o, 1, &a[2]), a[3].u32, pb, cb);
}

/* ---- CardDeleteFile (pCardData, dir, file, dwFlags) ---- */
static DWORD unlink_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a,
                           mdf_outputs_t *o) {
  (void)x;
  return cd->pfnCardDeleteFile(MDF__CD(cd, a[0]), mdf__ex_name(o, 0, &a[1]),
                               mdf__ex_name(o, 1, &a[2]), a[3].u32);
}

/* ---- CardEnumFiles (pCardData, dir, pmszFileNames, pdwcbFileName, dwFlags) ---- */
static DWORD enum_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a, mdf_outputs_t *o) {
  (void)x;
  return cd->pfnCardEnumFiles(MDF__CD(cd, a[0]), mdf__ex_name(o, 0, &a[1]),
                              MDF__OUT(a[2], (LPSTR *)&o->pb), MDF__OUT(a[3], &o->cb), a[4].u32);
}
static void enum_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  mdf_harness_t *h = x->h;

  if (rc == 0 && !a[2].is_null && !a[3].is_null)
    mdf_harness_take_multisz(h, "CMR.3.4.8.3", "CMR.3.4.8.2", "*pmszFileNames", (const char *)o->pb,
                             o->cb);
}

/* ---- CardGetFileInfo (pCardData, dir, file, pCardFileInfo) ---- */
static DWORD finfo_invoke(mdf_export_ctx_t *x, PCARD_DATA cd, const mdf_arg_t *a,
                          mdf_outputs_t *o) {
  return cd->pfnCardGetFileInfo(MDF__CD(cd, a[0]), mdf__ex_name(o, 0, &a[1]),
                                mdf__ex_name(o, 1, &a[2]),
                                mdf__ex_struct(x, o, &a[3], &mdf_sd_card_file_info));
}
static void finfo_contract(mdf_export_ctx_t *x, DWORD rc, const mdf_arg_t *a, mdf_outputs_t *o) {
  mdf_harness_t *h = x->h;

  if (rc == 0 && o->mem != NULL)
    mdf_harness_check_version(h, "CMR.3.4.5.5", "CARD_FILE_INFO", a[3].u32, mdf__rd32(o->mem, 0));
}

const mdf_export_t mdf__ex_files[] = {
    {"CardCreateDirectory",
     CARD_DATA_VERSION_FOUR,
     3,
     {CD, DIR, MDF__ARG(MDF_ARG_DWORD, "AccessCondition", &mdf_dom_dir_ac)},
     mkdir_invoke,
     NULL,
     mkdir_classify},
    {"CardDeleteDirectory",
     CARD_DATA_VERSION_FOUR,
     2,
     {CD, DIR},
     rmdir_invoke,
     NULL,
     rmdir_classify},
    {"CardCreateFile",
     CARD_DATA_VERSION_FOUR,
     5,
     {CD, DIR, FILE_, MDF__ARG(MDF_ARG_DWORD, "cbInitialCreationSize", &mdf_dom_file_size),
      MDF__ARG(MDF_ARG_DWORD, "AccessCondition", &mdf_dom_file_ac)},
     create_invoke,
     NULL,
     create_classify},
    {"CardReadFile",
     CARD_DATA_VERSION_FOUR,
     6,
     {CD, DIR, FILE_, FLAGS, MDF__ARG_R(MDF_ARG_OUT_PTR, "ppbData", NULL, MDF_ROLE_OUT),
      MDF__ARG_R(MDF_ARG_OUT_PTR, "pcbData", NULL, MDF_ROLE_LEN)},
     read_invoke,
     read_contract,
     mdf__classify_plain},
    {"CardWriteFile",
     CARD_DATA_VERSION_FOUR,
     5,
     {CD, DIR, FILE_, FLAGS,
      MDF__PAIR_R(MDF_ARG_IN_BUF, "pbData", "cbData", &dom_data, MDF_ROLE_IN)},
     write_invoke,
     NULL,
     mdf__classify_plain},
    {"CardDeleteFile",
     CARD_DATA_VERSION_FOUR,
     4,
     {CD, DIR, FILE_, FLAGS},
     unlink_invoke,
     NULL,
     mdf__classify_plain},
    {"CardEnumFiles",
     CARD_DATA_VERSION_FOUR,
     5,
     {CD, DIR, MDF__ARG_R(MDF_ARG_OUT_PTR, "pmszFileNames", NULL, MDF_ROLE_OUT),
      MDF__ARG_R(MDF_ARG_OUT_PTR, "pdwcbFileName", NULL, MDF_ROLE_LEN), FLAGS},
     enum_invoke,
     enum_contract,
     mdf__classify_plain},
    {"CardGetFileInfo",
     CARD_DATA_VERSION_FOUR,
     4,
     {CD, DIR, FILE_, MDF__ARG_R(MDF_ARG_STRUCT, "pCardFileInfo", &dom_finfo, MDF_ROLE_ST)},
     finfo_invoke,
     finfo_contract,
     mdf__classify_plain},
};
const size_t mdf__nex_files = MDF__N(mdf__ex_files);
