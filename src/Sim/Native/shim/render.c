// Offscreen rendering with MuJoCo's own renderer in a display-less GL context (OSMesa or EGL).
// GL libraries are dlopen'ed (runtime packages only, no -dev headers): MuJoCo 2.2.2's glad
// loader looks up OSMesaGetProcAddress / eglGetProcAddress in the global symbol namespace, so
// the chosen library is opened with RTLD_GLOBAL before the first mjr_makeContext. glad loads
// its function pointers once per process, hence one backend per process.
// All mjvScene / mjrContext / mjvGeom field access stays here; C# only sees an opaque pointer.
#include <mujoco/mujoco.h>
#include <dlfcn.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HM_GL_OSMESA 1
#define HM_GL_EGL 2

static __thread char hr_err[1024];
static __thread jmp_buf* hr_jmp = NULL;
static void (*hr_prev_error)(const char*) = NULL;
static pthread_once_t hr_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t hr_lock = PTHREAD_MUTEX_INITIALIZER;

const char* hm_render_last_error(void) { return hr_err; }

// MuJoCo errors raised inside a render call jump back here; errors raised elsewhere go on to
// the handler that was installed before (the physics shim's).
static void hr_on_error(const char* msg) {
  if (hr_jmp) {
    snprintf(hr_err, sizeof hr_err, "MuJoCo: %s", msg);
    longjmp(*hr_jmp, 1);
  }
  if (hr_prev_error) hr_prev_error(msg);
}
static void hr_install_handler(void) {
  hr_prev_error = mju_user_error;
  mju_user_error = hr_on_error;
}

// ---------------------------------------------------------------- GL libraries (process-wide)
typedef void* (*PFN_OSMesaCreateContextExt)(unsigned, int, int, int, void*);
typedef unsigned char (*PFN_OSMesaMakeCurrent)(void*, void*, unsigned, int, int);
typedef void (*PFN_OSMesaDestroyContext)(void*);
typedef void* (*PFN_OSMesaGetCurrentContext)(void);

typedef void* (*PFN_eglGetProcAddress)(const char*);
typedef void* (*PFN_eglGetDisplay)(void*);
typedef void* (*PFN_eglGetPlatformDisplayEXT)(unsigned, void*, const int*);
typedef unsigned (*PFN_eglQueryDevicesEXT)(int, void**, int*);
typedef unsigned (*PFN_eglInitialize)(void*, int*, int*);
typedef unsigned (*PFN_eglBindAPI)(unsigned);
typedef unsigned (*PFN_eglChooseConfig)(void*, const int*, void**, int, int*);
typedef void* (*PFN_eglCreateContext)(void*, void*, void*, const int*);
typedef void* (*PFN_eglCreatePbufferSurface)(void*, void*, const int*);
typedef unsigned (*PFN_eglMakeCurrent)(void*, void*, void*, void*);
typedef unsigned (*PFN_eglDestroyContext)(void*, void*);
typedef unsigned (*PFN_eglDestroySurface)(void*, void*);
typedef void* (*PFN_eglGetCurrentContext)(void);
typedef int (*PFN_eglGetError)(void);
typedef const char* (*PFN_eglQueryString)(void*, int);

static int hr_backend = 0;  // 0 none yet, else HM_GL_*
static void* hr_lib = NULL;
static char hr_backend_desc[256];

static PFN_OSMesaCreateContextExt pOSMesaCreateContextExt;
static PFN_OSMesaMakeCurrent pOSMesaMakeCurrent;
static PFN_OSMesaDestroyContext pOSMesaDestroyContext;
static PFN_OSMesaGetCurrentContext pOSMesaGetCurrentContext;

static PFN_eglGetProcAddress peglGetProcAddress;
static PFN_eglGetDisplay peglGetDisplay;
static PFN_eglInitialize peglInitialize;
static PFN_eglBindAPI peglBindAPI;
static PFN_eglChooseConfig peglChooseConfig;
static PFN_eglCreateContext peglCreateContext;
static PFN_eglCreatePbufferSurface peglCreatePbufferSurface;
static PFN_eglMakeCurrent peglMakeCurrent;
static PFN_eglDestroyContext peglDestroyContext;
static PFN_eglDestroySurface peglDestroySurface;
static PFN_eglGetCurrentContext peglGetCurrentContext;
static PFN_eglGetError peglGetError;
static PFN_eglQueryString peglQueryString;
static void* hr_egl_display = NULL;
static void* hr_egl_config = NULL;

#define EGL_NONE_ 0x3038
#define EGL_OPENGL_API_ 0x30A2
#define EGL_PLATFORM_DEVICE_EXT_ 0x313F
#define EGL_PLATFORM_SURFACELESS_MESA_ 0x31DD
#define EGL_VENDOR_ 0x3053
#define EGL_VERSION_ 0x3054
#define EGL_EXTENSIONS_ 0x3055

#define LOADSYM(var, type, name)                                                   \
  do {                                                                             \
    var = (type)dlsym(hr_lib, name);                                               \
    if (!var) { snprintf(hr_err, sizeof hr_err, "%s has no symbol %s", path, name); return 0; } \
  } while (0)

static int hr_load_osmesa(const char* path) {
  LOADSYM(pOSMesaCreateContextExt, PFN_OSMesaCreateContextExt, "OSMesaCreateContextExt");
  LOADSYM(pOSMesaMakeCurrent, PFN_OSMesaMakeCurrent, "OSMesaMakeCurrent");
  LOADSYM(pOSMesaDestroyContext, PFN_OSMesaDestroyContext, "OSMesaDestroyContext");
  LOADSYM(pOSMesaGetCurrentContext, PFN_OSMesaGetCurrentContext, "OSMesaGetCurrentContext");
  snprintf(hr_backend_desc, sizeof hr_backend_desc, "osmesa (%s)", path);
  return 1;
}

static int hr_egl_try_display(void* dpy, const char* how) {
  if (!dpy) return 0;
  int major = 0, minor = 0;
  if (!peglInitialize(dpy, &major, &minor)) return 0;
  peglBindAPI(EGL_OPENGL_API_);
  // RGBA8 + depth 24 + stencil 8, pbuffer-capable, desktop OpenGL (MuJoCo uses the compatibility profile).
  const int attrs[] = {0x3033 /*SURFACE_TYPE*/, 0x0001 /*PBUFFER_BIT*/, 0x3040 /*RENDERABLE_TYPE*/, 0x0008 /*OPENGL_BIT*/,
                       0x3024, 8, 0x3023, 8, 0x3022, 8, 0x3021, 8, 0x3025, 24, 0x3026, 8, EGL_NONE_};
  void* cfg = NULL;
  int n = 0;
  if (!peglChooseConfig(dpy, attrs, &cfg, 1, &n) || n < 1) return 0;
  hr_egl_display = dpy;
  hr_egl_config = cfg;
  const char* vendor = peglQueryString(dpy, EGL_VENDOR_);
  snprintf(hr_backend_desc, sizeof hr_backend_desc, "egl %d.%d, %s, vendor %s", major, minor, how, vendor ? vendor : "?");
  return 1;
}

static int hr_load_egl(const char* path) {
  LOADSYM(peglGetProcAddress, PFN_eglGetProcAddress, "eglGetProcAddress");
  LOADSYM(peglGetDisplay, PFN_eglGetDisplay, "eglGetDisplay");
  LOADSYM(peglInitialize, PFN_eglInitialize, "eglInitialize");
  LOADSYM(peglBindAPI, PFN_eglBindAPI, "eglBindAPI");
  LOADSYM(peglChooseConfig, PFN_eglChooseConfig, "eglChooseConfig");
  LOADSYM(peglCreateContext, PFN_eglCreateContext, "eglCreateContext");
  LOADSYM(peglCreatePbufferSurface, PFN_eglCreatePbufferSurface, "eglCreatePbufferSurface");
  LOADSYM(peglMakeCurrent, PFN_eglMakeCurrent, "eglMakeCurrent");
  LOADSYM(peglDestroyContext, PFN_eglDestroyContext, "eglDestroyContext");
  LOADSYM(peglDestroySurface, PFN_eglDestroySurface, "eglDestroySurface");
  LOADSYM(peglGetCurrentContext, PFN_eglGetCurrentContext, "eglGetCurrentContext");
  LOADSYM(peglGetError, PFN_eglGetError, "eglGetError");
  LOADSYM(peglQueryString, PFN_eglQueryString, "eglQueryString");

  PFN_eglGetPlatformDisplayEXT getPlatformDisplay = (PFN_eglGetPlatformDisplayEXT)peglGetProcAddress("eglGetPlatformDisplayEXT");
  PFN_eglQueryDevicesEXT queryDevices = (PFN_eglQueryDevicesEXT)peglGetProcAddress("eglQueryDevicesEXT");
  // A GPU (device platform) first, then Mesa's surfaceless platform, then the default display.
  if (getPlatformDisplay && queryDevices) {
    void* devices[16];
    int count = 0;
    if (queryDevices(16, devices, &count))
      for (int i = 0; i < count; i++) {
        char how[64];
        snprintf(how, sizeof how, "device %d of %d", i, count);
        if (hr_egl_try_display(getPlatformDisplay(EGL_PLATFORM_DEVICE_EXT_, devices[i], NULL), how)) return 1;
      }
  }
  if (getPlatformDisplay && hr_egl_try_display(getPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA_, NULL, NULL), "surfaceless"))
    return 1;
  if (hr_egl_try_display(peglGetDisplay(NULL), "default display")) return 1;
  snprintf(hr_err, sizeof hr_err,
           "%s loaded but no EGL display offers an OpenGL pbuffer config (tried device, surfaceless and default platforms; eglGetError 0x%x)",
           path, peglGetError());
  return 0;
}

// Opens the GL library for a backend once per process. Returns 0 on success, -1 on failure
// (message in hm_render_last_error), -2 when another backend is already in use.
int hm_gl_load(int backend, const char* path) {
  pthread_once(&hr_once, hr_install_handler);
  pthread_mutex_lock(&hr_lock);
  int rc = 0;
  if (hr_backend != 0) {
    if (hr_backend != backend) {
      snprintf(hr_err, sizeof hr_err, "this process already renders with %s; MuJoCo 2.2.2 loads GL once per process, so one backend per process",
               hr_backend_desc);
      rc = -2;
    }
  } else {
    hr_lib = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
    if (!hr_lib) {
      snprintf(hr_err, sizeof hr_err, "%s", dlerror());
      rc = -1;
    } else if (!(backend == HM_GL_OSMESA ? hr_load_osmesa(path) : hr_load_egl(path))) {
      rc = -1;
    } else {
      hr_backend = backend;
    }
  }
  pthread_mutex_unlock(&hr_lock);
  return rc;
}

const char* hm_gl_describe(void) { return hr_backend_desc; }

// ---------------------------------------------------------------- render state
typedef struct {
  const mjModel* m;
  int width, height;
  void* glctx;
  void* surface;            // EGL pbuffer (1x1; MuJoCo draws into its own offscreen FBO)
  unsigned char osbuf[16];  // OSMesa's default framebuffer (2x2 RGBA), unused for drawing
  unsigned char* rgb;       // bottom-up pixels from mjr_readPixels
  int madeContext;
  mjvScene scn;
  mjvCamera cam;
  mjvOption opt;
  mjrContext con;
} hm_render;

static int hr_make_current(hm_render* r) {
  if (hr_backend == HM_GL_OSMESA) {
    if (pOSMesaGetCurrentContext() == r->glctx) return 1;
    if (!pOSMesaMakeCurrent(r->glctx, r->osbuf, 0x1401 /*GL_UNSIGNED_BYTE*/, 2, 2)) {
      snprintf(hr_err, sizeof hr_err, "OSMesaMakeCurrent failed");
      return 0;
    }
    return 1;
  }
  peglBindAPI(EGL_OPENGL_API_);  // the bound API is per thread
  if (peglGetCurrentContext() == r->glctx) return 1;
  if (!peglMakeCurrent(hr_egl_display, r->surface, r->surface, r->glctx)) {
    snprintf(hr_err, sizeof hr_err, "eglMakeCurrent failed (eglGetError 0x%x); an EGL context can be current on one thread only", peglGetError());
    return 0;
  }
  return 1;
}

static void hr_destroy_gl(hm_render* r) {
  if (!r->glctx) return;
  if (hr_backend == HM_GL_OSMESA) {
    if (pOSMesaGetCurrentContext() == r->glctx) pOSMesaMakeCurrent(NULL, NULL, 0, 0, 0);
    pOSMesaDestroyContext(r->glctx);
  } else {
    if (peglGetCurrentContext() == r->glctx) peglMakeCurrent(hr_egl_display, NULL, NULL, NULL);
    peglDestroyContext(hr_egl_display, r->glctx);
    if (r->surface) peglDestroySurface(hr_egl_display, r->surface);
  }
  r->glctx = NULL;
}

void hm_render_free(hm_render* r) {
  if (!r) return;
  if (r->madeContext && r->glctx && hr_make_current(r)) mjr_freeContext(&r->con);
  hr_destroy_gl(r);
  mjv_freeScene(&r->scn);
  free(r->rgb);
  free(r);
}

// Creates a GL context and MuJoCo's scene and render context for images of width x height.
// The model's offscreen buffer is enlarged when the requested size exceeds it (visual only).
hm_render* hm_render_create(mjModel* m, int width, int height, int maxgeom) {
  if (hr_backend == 0) { snprintf(hr_err, sizeof hr_err, "no GL backend loaded (call hm_gl_load first)"); return NULL; }
  hm_render* r = (hm_render*)calloc(1, sizeof(hm_render));
  if (!r) { snprintf(hr_err, sizeof hr_err, "out of memory"); return NULL; }
  r->m = m; r->width = width; r->height = height;
  r->rgb = (unsigned char*)malloc((size_t)width * height * 3);
  mjv_defaultScene(&r->scn);
  mjv_defaultCamera(&r->cam);
  mjv_defaultOption(&r->opt);
  mjr_defaultContext(&r->con);

  if (hr_backend == HM_GL_OSMESA) {
    r->glctx = pOSMesaCreateContextExt(0x1908 /*OSMESA_RGBA*/, 24, 8, 0, NULL);
    if (!r->glctx) { snprintf(hr_err, sizeof hr_err, "OSMesaCreateContextExt failed"); hm_render_free(r); return NULL; }
  } else {
    peglBindAPI(EGL_OPENGL_API_);
    r->glctx = peglCreateContext(hr_egl_display, hr_egl_config, NULL, NULL);
    if (!r->glctx) { snprintf(hr_err, sizeof hr_err, "eglCreateContext failed (eglGetError 0x%x)", peglGetError()); hm_render_free(r); return NULL; }
    const int pb[] = {0x3057 /*WIDTH*/, 1, 0x3056 /*HEIGHT*/, 1, EGL_NONE_};
    r->surface = peglCreatePbufferSurface(hr_egl_display, hr_egl_config, pb);
    if (!r->surface) { snprintf(hr_err, sizeof hr_err, "eglCreatePbufferSurface failed (eglGetError 0x%x)", peglGetError()); hm_render_free(r); return NULL; }
  }
  if (!hr_make_current(r)) { hm_render_free(r); return NULL; }

  if (m->vis.global.offwidth < width) m->vis.global.offwidth = width;
  if (m->vis.global.offheight < height) m->vis.global.offheight = height;

  jmp_buf env;
  jmp_buf* prev = hr_jmp;
  hr_err[0] = 0;
  if (setjmp(env)) { hr_jmp = prev; hm_render_free(r); return NULL; }
  hr_jmp = &env;
  mjv_makeScene(m, &r->scn, maxgeom);
  mjr_makeContext(m, &r->con, mjFONTSCALE_100);
  r->madeContext = 1;
  mjr_setBuffer(mjFB_OFFSCREEN, &r->con);
  if (r->con.currentBuffer != mjFB_OFFSCREEN) {
    hr_jmp = prev;
    snprintf(hr_err, sizeof hr_err, "MuJoCo could not create its offscreen framebuffer in this GL context");
    hm_render_free(r);
    return NULL;
  }
  hr_jmp = prev;
  return r;
}

// Overlay records, packed as doubles: segment = x0 y0 z0 x1 y1 z1 radius r g b a (11),
// sphere = x y z radius r g b a (8).
static int hr_add_overlay(hm_render* r, const double* seg, int nseg, const double* sph, int nsph) {
  mjvScene* s = &r->scn;
  int room = s->maxgeom - s->ngeom;
  if (nseg + nsph > room) {
    snprintf(hr_err, sizeof hr_err, "overlay has %d geoms but the scene has room for %d more (maxgeom %d, scene geoms %d)",
             nseg + nsph, room, s->maxgeom, s->ngeom);
    return 0;
  }
  for (int i = 0; i < nseg; i++) {
    const double* q = seg + 11 * i;
    float rgba[4] = {(float)q[7], (float)q[8], (float)q[9], (float)q[10]};
    mjvGeom* g = s->geoms + s->ngeom;
    double dx = q[3] - q[0], dy = q[4] - q[1], dz = q[5] - q[2];
    if (dx * dx + dy * dy + dz * dz < 1e-18) {
      // A zero-length segment has no direction; draw its cap.
      mjtNum size[3] = {q[6], q[6], q[6]}, pos[3] = {q[0], q[1], q[2]};
      mjv_initGeom(g, mjGEOM_SPHERE, size, pos, NULL, rgba);
    } else {
      mjv_initGeom(g, mjGEOM_CAPSULE, NULL, NULL, NULL, rgba);
      mjv_makeConnector(g, mjGEOM_CAPSULE, q[6], q[0], q[1], q[2], q[3], q[4], q[5]);
    }
    g->category = mjCAT_DECOR;
    g->objtype = mjOBJ_UNKNOWN;
    g->objid = -1;
    g->segid = -1;
    g->emission = 0.3f;
    s->ngeom++;
  }
  for (int i = 0; i < nsph; i++) {
    const double* q = sph + 8 * i;
    float rgba[4] = {(float)q[4], (float)q[5], (float)q[6], (float)q[7]};
    mjtNum size[3] = {q[3], q[3], q[3]}, pos[3] = {q[0], q[1], q[2]};
    mjvGeom* g = s->geoms + s->ngeom;
    mjv_initGeom(g, mjGEOM_SPHERE, size, pos, NULL, rgba);
    g->category = mjCAT_DECOR;
    g->objtype = mjOBJ_UNKNOWN;
    g->objid = -1;
    g->segid = -1;
    g->emission = 0.3f;
    s->ngeom++;
  }
  return 1;
}

static int hr_draw(hm_render* r, mjData* d, unsigned char* rgb_out, const double* seg, int nseg, const double* sph, int nsph) {
  if (!hr_make_current(r)) return 1;
  jmp_buf env;
  jmp_buf* prev = hr_jmp;
  hr_err[0] = 0;
  if (setjmp(env)) { hr_jmp = prev; return 1; }
  hr_jmp = &env;
  mjv_updateScene(r->m, d, &r->opt, NULL, &r->cam, mjCAT_ALL, &r->scn);
  if (!hr_add_overlay(r, seg, nseg, sph, nsph)) { hr_jmp = prev; return 1; }
  mjrRect viewport = {0, 0, r->width, r->height};
  mjr_setBuffer(mjFB_OFFSCREEN, &r->con);
  mjr_render(viewport, &r->scn, &r->con);
  mjr_readPixels(r->rgb, NULL, viewport, &r->con);
  hr_jmp = prev;
  // GL rows run bottom-up; images are upright.
  size_t row = (size_t)r->width * 3;
  for (int y = 0; y < r->height; y++) memcpy(rgb_out + row * y, r->rgb + row * (r->height - 1 - y), row);
  return 0;
}

// Renders a model camera (fixed). Returns 0 on success.
int hm_render_camera(hm_render* r, mjData* d, int camid, unsigned char* rgb_out,
                     const double* seg, int nseg, const double* sph, int nsph) {
  if (camid < 0 || camid >= r->m->ncam) { snprintf(hr_err, sizeof hr_err, "camera id %d out of range (ncam %d)", camid, r->m->ncam); return 1; }
  r->cam.type = mjCAMERA_FIXED;
  r->cam.fixedcamid = camid;
  return hr_draw(r, d, rgb_out, seg, nseg, sph, nsph);
}

// Renders from a free camera orbiting lookat (azimuth/elevation in degrees).
int hm_render_free_camera(hm_render* r, mjData* d, const double* lookat, double distance, double azimuth, double elevation,
                          unsigned char* rgb_out, const double* seg, int nseg, const double* sph, int nsph) {
  r->cam.type = mjCAMERA_FREE;
  r->cam.lookat[0] = lookat[0]; r->cam.lookat[1] = lookat[1]; r->cam.lookat[2] = lookat[2];
  r->cam.distance = distance;
  r->cam.azimuth = azimuth;
  r->cam.elevation = elevation;
  return hr_draw(r, d, rgb_out, seg, nseg, sph, nsph);
}

// ------------------------------------------------------------- raw loop (benchmark baseline)
// The same MuJoCo calls with no per-frame checks, overlay or flip: what a hand-written C loop
// would do. Returns 0 on success.
int hm_render_raw_loop(hm_render* r, mjData* d, int camid, int frames) {
  if (!hr_make_current(r)) return 1;
  jmp_buf env;
  jmp_buf* prev = hr_jmp;
  if (setjmp(env)) { hr_jmp = prev; return 1; }
  hr_jmp = &env;
  r->cam.type = mjCAMERA_FIXED;
  r->cam.fixedcamid = camid;
  mjrRect viewport = {0, 0, r->width, r->height};
  mjr_setBuffer(mjFB_OFFSCREEN, &r->con);
  for (int i = 0; i < frames; i++) {
    mjv_updateScene(r->m, d, &r->opt, NULL, &r->cam, mjCAT_ALL, &r->scn);
    mjr_render(viewport, &r->scn, &r->con);
    mjr_readPixels(r->rgb, NULL, viewport, &r->con);
  }
  hr_jmp = prev;
  return 0;
}
