// Thin accessors over MuJoCo's structs, compiled at build time against the installed mujoco.h,
// so the C# side never hard-codes struct layouts of one MuJoCo version. Calls that can raise a
// MuJoCo error are guarded with setjmp: MuJoCo's default error handler would exit the process.
#include <mujoco/mujoco.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

static __thread jmp_buf* hm_jmp = NULL;
static __thread char hm_err[1024];
static __thread char hm_warn[1024];

static void hm_on_error(const char* msg) {
  snprintf(hm_err, sizeof hm_err, "%s", msg);
  if (hm_jmp) longjmp(*hm_jmp, 1);
}

static void hm_on_warning(const char* msg) {
  snprintf(hm_warn, sizeof hm_warn, "%s", msg);
}

int hm_header_version(void) { return mjVERSION_HEADER; }
int hm_library_version(void) { return mj_version(); }

void hm_init(void) {
  mju_user_error = hm_on_error;
  mju_user_warning = hm_on_warning;
}

const char* hm_last_error(void) { return hm_err; }
const char* hm_last_warning(void) { return hm_warn; }

#define HM_GUARD(body)                  \
  do {                                  \
    jmp_buf env;                        \
    jmp_buf* prev = hm_jmp;             \
    hm_err[0] = 0;                      \
    if (setjmp(env)) { hm_jmp = prev; return 1; } \
    hm_jmp = &env;                      \
    body;                               \
    hm_jmp = prev;                      \
    return 0;                           \
  } while (0)

mjModel* hm_load_xml(const char* path, char* err, int errlen) {
  jmp_buf env;
  jmp_buf* prev = hm_jmp;
  if (setjmp(env)) { hm_jmp = prev; snprintf(err, errlen, "%s", hm_err); return NULL; }
  hm_jmp = &env;
  mjModel* m = mj_loadXML(path, NULL, err, errlen);
  hm_jmp = prev;
  return m;
}

void hm_delete_model(mjModel* m) { mj_deleteModel(m); }
void hm_delete_data(mjData* d) { mj_deleteData(d); }

mjData* hm_make_data(const mjModel* m) {
  jmp_buf env;
  jmp_buf* prev = hm_jmp;
  if (setjmp(env)) { hm_jmp = prev; return NULL; }
  hm_jmp = &env;
  mjData* d = mj_makeData(m);
  hm_jmp = prev;
  return d;
}

int hm_step(const mjModel* m, mjData* d, int substeps) { HM_GUARD(for (int i = 0; i < substeps; i++) mj_step(m, d)); }
int hm_forward(const mjModel* m, mjData* d) { HM_GUARD(mj_forward(m, d)); }
int hm_kinematics(const mjModel* m, mjData* d) { HM_GUARD(mj_kinematics(m, d); mj_comPos(m, d)); }
int hm_reset(const mjModel* m, mjData* d) { HM_GUARD(mj_resetData(m, d)); }
int hm_copy_data(const mjModel* m, mjData* dst, const mjData* src) { HM_GUARD(mj_copyData(dst, m, src)); }
int hm_jac_site(const mjModel* m, const mjData* d, double* jacp, double* jacr, int site) { HM_GUARD(mj_jacSite(m, d, jacp, jacr, site)); }

// Object kinds, our numbering (stable), mapped to this header's mjtObj.
static int hm_objtype(int kind) {
  switch (kind) {
    case 0: return mjOBJ_BODY;
    case 1: return mjOBJ_JOINT;
    case 2: return mjOBJ_GEOM;
    case 3: return mjOBJ_SITE;
    case 4: return mjOBJ_CAMERA;
    case 5: return mjOBJ_ACTUATOR;
    case 6: return mjOBJ_KEY;
    case 7: return mjOBJ_SENSOR;
    case 8: return mjOBJ_LIGHT;
    case 9: return mjOBJ_MATERIAL;
    default: return mjOBJ_UNKNOWN;
  }
}

int hm_name2id(const mjModel* m, int kind, const char* name) { return mj_name2id(m, hm_objtype(kind), name); }
const char* hm_id2name(const mjModel* m, int kind, int id) { return mj_id2name(m, hm_objtype(kind), id); }

// Model sizes, our numbering.
int hm_model_size(const mjModel* m, int which) {
  switch (which) {
    case 0: return m->nq;      case 1: return m->nv;     case 2: return m->nu;
    case 3: return m->na;      case 4: return m->nbody;  case 5: return m->njnt;
    case 6: return m->ngeom;   case 7: return m->nsite;  case 8: return m->ncam;
    case 9: return m->nkey;    case 10: return m->nmocap; case 11: return m->nsensordata;
    case 12: return m->nlight;
    case 13: return m->nmat;
    default: return -1;
  }
}

double hm_model_timestep(const mjModel* m) { return m->opt.timestep; }
// What the depth buffer's [0, 1] values mean: the near and far clipping planes are
// vis.map.znear and vis.map.zfar times stat.extent (out: znear, zfar, extent).
void hm_model_depth_clip(const mjModel* m, double* out) { out[0] = m->vis.map.znear; out[1] = m->vis.map.zfar; out[2] = m->stat.extent; }
void hm_model_set_timestep(mjModel* m, double dt) { m->opt.timestep = dt; }

// Model arrays, our numbering. Element type and width are documented on the C# side.
void* hm_model_ptr(const mjModel* m, int which) {
  switch (which) {
    case 0: return m->jnt_qposadr;        // int  [njnt]
    case 1: return m->jnt_dofadr;         // int  [njnt]
    case 2: return m->jnt_range;          // double [njnt*2]
    case 3: return m->jnt_type;           // int  [njnt]
    case 4: return m->actuator_ctrlrange; // double [nu*2]
    case 5: return m->actuator_trnid;     // int  [nu*2]
    case 6: return m->geom_bodyid;        // int  [ngeom]
    case 7: return m->body_parentid;      // int  [nbody]
    case 8: return m->geom_size;          // double [ngeom*3]
    case 9: return m->geom_rgba;          // float [ngeom*4]
    case 10: return m->site_bodyid;       // int  [nsite]
    case 11: return m->key_qpos;          // double [nkey*nq]
    case 12: return m->body_mass;         // double [nbody]
    case 13: return m->cam_fovy;          // double [ncam]
    case 14: return m->geom_type;         // int  [ngeom]
    case 15: return m->actuator_gainprm;  // double [nu*mjNGAIN]
    case 16: return m->actuator_biasprm;  // double [nu*mjNBIAS]
    case 17: return m->geom_friction;     // double [ngeom*3]
    case 18: return m->body_pos;          // double [nbody*3]
    case 19: return m->geom_pos;          // double [ngeom*3]
    // Fields perturbations write (see MjModel.Edit*); read-only above unless noted there.
    case 20: return m->body_inertia;      // double [nbody*3]
    case 21: return m->geom_rbound;       // double [ngeom]
    case 22: return m->geom_matid;        // int  [ngeom]
    case 23: return m->light_pos;         // double [nlight*3]
    case 24: return m->light_dir;         // double [nlight*3]
    case 25: return m->light_diffuse;     // float [nlight*3]
    case 26: return m->cam_pos;           // double [ncam*3]
    case 27: return m->cam_quat;          // double [ncam*4]
    case 28: return m->body_ipos;         // double [nbody*3]
    case 29: return m->cam_mode;          // int  [ncam]
    case 30: return m->light_mode;        // int  [nlight]
    case 31: return m->body_subtreemass;  // double [nbody]
    case 32: return m->mat_rgba;          // float [nmat*4]
    case 33: return m->jnt_bodyid;        // int  [njnt]
    default: return NULL;
  }
}

int hm_ngain(void) { return mjNGAIN; }

// A full copy of a model into an existing one of the same sizes (dst != NULL), or a new one.
// Copying into dst keeps dst's address, so its mjData and GL contexts stay valid.
mjModel* hm_copy_model(mjModel* dst, const mjModel* src) {
  jmp_buf env;
  jmp_buf* prev = hm_jmp;
  if (setjmp(env)) { hm_jmp = prev; return NULL; }
  hm_jmp = &env;
  mjModel* m = mj_copyModel(dst, src);
  hm_jmp = prev;
  return m;
}

// Model buffer size: two models of the same compiled file have the same size (mj_copyModel needs it).
int hm_model_nbuffer(const mjModel* m) { return m->nbuffer; }

// Re-derives the model's constant fields (subtree masses, inverse weights at qpos0, statistics)
// after masses or inertias changed. Overwrites d's state; reset d afterwards.
int hm_set_const(mjModel* m, mjData* d) { HM_GUARD(mj_setConst(m, d)); }
int hm_nbias(void) { return mjNBIAS; }

// Data arrays, our numbering.
void* hm_data_ptr(mjData* d, int which) {
  switch (which) {
    case 0: return d->qpos;            // double [nq]
    case 1: return d->qvel;            // double [nv]
    case 2: return d->act;             // double [na]
    case 3: return d->ctrl;            // double [nu]
    case 4: return d->qacc_warmstart;  // double [nv]
    case 5: return d->xpos;            // double [nbody*3]
    case 6: return d->xquat;           // double [nbody*4]
    case 7: return d->xmat;            // double [nbody*9]
    case 8: return d->site_xpos;       // double [nsite*3]
    case 9: return d->site_xmat;       // double [nsite*9]
    case 10: return d->geom_xpos;      // double [ngeom*3]
    case 11: return d->geom_xmat;      // double [ngeom*9]
    case 12: return d->cam_xpos;       // double [ncam*3]
    case 13: return d->cam_xmat;       // double [ncam*9]
    case 14: return d->sensordata;     // double [nsensordata]
    case 15: return d->actuator_force; // double [nu]
    case 16: return d->qfrc_applied;   // double [nv]
    case 17: return d->xfrc_applied;   // double [nbody*6]
    case 18: return d->mocap_pos;      // double [nmocap*3]
    case 19: return d->qacc;           // double [nv]
    default: return NULL;
  }
}

double hm_data_time(const mjData* d) { return d->time; }
void hm_data_set_time(mjData* d, double t) { d->time = t; }
int hm_data_ncon(const mjData* d) { return d->ncon; }
int hm_data_warning(const mjData* d, int which) { return (which >= 0 && which < mjNWARNING) ? d->warning[which].number : -1; }
int hm_warn_badqacc(void) { return mjWARN_BADQACC; }

// Contact i's force in its contact frame (normal first, then tangential); 0 when i is out of range.
int hm_contact_force(const mjModel* m, const mjData* d, int i, double* result) {
  if (i < 0 || i >= d->ncon) return 0;
  mj_contactForce(m, d, i, result);
  return 1;
}

// Contact i: geoms, penetration distance, world position. Returns 0 when i is out of range.
int hm_contact(const mjData* d, int i, int* geom1, int* geom2, double* dist, double* pos) {
  if (i < 0 || i >= d->ncon) return 0;
  const mjContact* c = d->contact + i;
  *geom1 = c->geom1; *geom2 = c->geom2; *dist = c->dist;
  pos[0] = c->pos[0]; pos[1] = c->pos[1]; pos[2] = c->pos[2];
  return 1;
}
