// MuJoCo's renderer (mjvScene + mjrContext) in a GL context from gl_context.c: offscreen images
// of model or free cameras, with overlay geoms, or frames shown in a GLFW window.
// All mjvScene / mjrContext / mjvGeom field access stays here; C# only sees an opaque pointer.
#include "gl_context.h"
#include <mujoco/mujoco.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static __thread jmp_buf* hr_jmp = NULL;
static void (*hr_prev_error)(const char*) = NULL;
static pthread_once_t hr_once = PTHREAD_ONCE_INIT;

const char* hm_render_last_error(void) { return hg_err; }

// MuJoCo errors raised inside a render call jump back here; errors raised elsewhere go on to
// the handler that was installed before (the physics shim's).
static void hr_on_error(const char* msg) {
  if (hr_jmp) {
    snprintf(hg_err, sizeof hg_err, "MuJoCo: %s", msg);
    longjmp(*hr_jmp, 1);
  }
  if (hr_prev_error) hr_prev_error(msg);
}
static void hr_install_handler(void) {
  hr_prev_error = mju_user_error;
  mju_user_error = hr_on_error;
}

// Opens the GL library for a backend once per process. Returns 0 on success, -1 on failure
// (message in hm_render_last_error), -2 when another backend is already in use.
int hm_gl_load(int backend, const char* path) {
  pthread_once(&hr_once, hr_install_handler);
  if (backend < HM_GL_OSMESA || backend > HM_GL_GLFW) { snprintf(hg_err, sizeof hg_err, "unknown backend %d", backend); return -1; }
  return hg_load(backend, path);
}

const char* hm_gl_describe(void) { return hg_describe(); }

typedef struct {
  const mjModel* m;
  int width, height;  // offscreen image size (windows: the initial size)
  int window;         // draws into a visible window's back buffer
  hg_context* gl;
  unsigned char* rgb;  // bottom-up pixels from mjr_readPixels
  size_t rgbsize;
  float* depth;        // bottom-up depth buffer values from mjr_readPixels
  size_t depthsize;
  int madeContext;
  mjvScene scn;
  mjvCamera cam;
  mjvOption opt;
  mjrContext con;
} hm_render;

void hm_render_free(hm_render* r) {
  if (!r) return;
  if (r->madeContext && r->gl && hg_make_current(r->gl)) mjr_freeContext(&r->con);
  hg_destroy(r->gl);
  mjv_freeScene(&r->scn);
  free(r->rgb);
  free(r->depth);
  free(r);
}

static hm_render* hr_create(mjModel* m, int width, int height, int maxgeom, int window, const char* title) {
  hm_render* r = (hm_render*)calloc(1, sizeof(hm_render));
  if (!r) { snprintf(hg_err, sizeof hg_err, "out of memory"); return NULL; }
  r->m = m; r->width = width; r->height = height; r->window = window;
  mjv_defaultScene(&r->scn);
  mjv_defaultCamera(&r->cam);
  mjv_defaultOption(&r->opt);
  mjr_defaultContext(&r->con);
  if (!(r->gl = hg_create(window, width, height, title))) { hm_render_free(r); return NULL; }

  // The offscreen buffer is sized from the model's visual settings: enlarge them (visual only)
  // when the requested image is bigger.
  if (!window) {
    if (m->vis.global.offwidth < width) m->vis.global.offwidth = width;
    if (m->vis.global.offheight < height) m->vis.global.offheight = height;
  }

  jmp_buf env;
  jmp_buf* prev = hr_jmp;
  hg_err[0] = 0;
  int shadowsize = m->vis.quality.shadowsize;
  if (setjmp(env)) { hr_jmp = prev; m->vis.quality.shadowsize = shadowsize; hm_render_free(r); return NULL; }
  hr_jmp = &env;
  mjv_makeScene(m, &r->scn, maxgeom);
  // The shadow map is the main cost of software rendering; small images do not need the model's
  // full resolution. Use about 4 shadow texels per image pixel, capped at the model's setting.
  int need = 512;
  while (need < 4 * (width > height ? width : height) && need < shadowsize) need *= 2;
  if (!window && need < shadowsize) m->vis.quality.shadowsize = need;
  mjr_makeContext(m, &r->con, window ? mjFONTSCALE_150 : mjFONTSCALE_100);
  m->vis.quality.shadowsize = shadowsize;
  r->madeContext = 1;
  int want = window ? mjFB_WINDOW : mjFB_OFFSCREEN;
  mjr_setBuffer(want, &r->con);
  hr_jmp = prev;
  if (r->con.currentBuffer != want) {
    snprintf(hg_err, sizeof hg_err, "MuJoCo could not select its %s framebuffer in this GL context", window ? "window" : "offscreen");
    hm_render_free(r);
    return NULL;
  }
  return r;
}

// Creates a GL context and MuJoCo's scene and render context for offscreen images of width x height.
hm_render* hm_render_create(mjModel* m, int width, int height, int maxgeom) {
  return hr_create(m, width, height, maxgeom, 0, NULL);
}

// Opens a visible window (glfw backend) that MuJoCo draws into.
hm_render* hm_window_create(mjModel* m, int width, int height, int maxgeom, const char* title) {
  return hr_create(m, width, height, maxgeom, 1, title);
}

// Overlay records, packed as doubles: segment = x0 y0 z0 x1 y1 z1 radius r g b a (11),
// sphere = x y z radius r g b a (8).
static int hr_add_overlay(hm_render* r, const double* seg, int nseg, const double* sph, int nsph) {
  mjvScene* s = &r->scn;
  int room = s->maxgeom - s->ngeom;
  if (nseg + nsph > room) {
    snprintf(hg_err, sizeof hg_err, "overlay has %d geoms but the scene has room for %d more (maxgeom %d, scene geoms %d)",
             nseg + nsph, room, s->maxgeom, s->ngeom);
    return 0;
  }
  for (int i = 0; i < nseg + nsph; i++) {
    int isSeg = i < nseg;
    const double* q = isSeg ? seg + 11 * i : sph + 8 * (i - nseg);
    const double* c = isSeg ? q + 7 : q + 4;
    float rgba[4] = {(float)c[0], (float)c[1], (float)c[2], (float)c[3]};
    mjvGeom* g = s->geoms + s->ngeom;
    double dx = isSeg ? q[3] - q[0] : 0, dy = isSeg ? q[4] - q[1] : 0, dz = isSeg ? q[5] - q[2] : 0;
    if (isSeg && dx * dx + dy * dy + dz * dz >= 1e-18) {
      mjv_initGeom(g, mjGEOM_CAPSULE, NULL, NULL, NULL, rgba);
      mjv_makeConnector(g, mjGEOM_CAPSULE, q[6], q[0], q[1], q[2], q[3], q[4], q[5]);
    } else {
      // Spheres, and zero-length segments (no direction: draw the cap).
      double radius = isSeg ? q[6] : q[3];
      mjtNum size[3] = {radius, radius, radius}, pos[3] = {q[0], q[1], q[2]};
      mjv_initGeom(g, mjGEOM_SPHERE, size, pos, NULL, rgba);
    }
    g->category = mjCAT_DECOR;
    g->objtype = mjOBJ_UNKNOWN;
    g->objid = -1;
    g->segid = -1;
    g->emission = 0.3f;
    s->ngeom++;
  }
  return 1;
}

// Draws the scene; with rgb_out, reads the image back upright (out_w x out_h must match the
// drawn size); with depth_out, the depth buffer too (MuJoCo's [0, 1] values, upright, one float
// per pixel). Windows then show the frame.
static int hr_draw(hm_render* r, mjData* d, unsigned char* rgb_out, float* depth_out, int out_w, int out_h,
                   const double* seg, int nseg, const double* sph, int nsph) {
  if (!hg_make_current(r->gl)) return 1;
  int w = r->width, h = r->height;
  if (r->window) hg_framebuffer_size(r->gl, &w, &h);
  if (rgb_out && (out_w != w || out_h != h)) {
    snprintf(hg_err, sizeof hg_err, "pixel buffer is %dx%d; the frame is %dx%d", out_h, out_w, h, w);
    return 1;
  }
  if (depth_out && !rgb_out && (out_w != w || out_h != h)) {
    snprintf(hg_err, sizeof hg_err, "depth buffer is %dx%d; the frame is %dx%d", out_h, out_w, h, w);
    return 1;
  }
  if (rgb_out && r->rgbsize < (size_t)w * h * 3) {
    free(r->rgb);
    r->rgbsize = (size_t)w * h * 3;
    if (!(r->rgb = (unsigned char*)malloc(r->rgbsize))) { r->rgbsize = 0; snprintf(hg_err, sizeof hg_err, "out of memory"); return 1; }
  }
  if (depth_out && r->depthsize < (size_t)w * h) {
    free(r->depth);
    r->depthsize = (size_t)w * h;
    if (!(r->depth = (float*)malloc(r->depthsize * sizeof(float)))) { r->depthsize = 0; snprintf(hg_err, sizeof hg_err, "out of memory"); return 1; }
  }
  jmp_buf env;
  jmp_buf* prev = hr_jmp;
  hg_err[0] = 0;
  if (setjmp(env)) { hr_jmp = prev; return 1; }
  hr_jmp = &env;
  mjv_updateScene(r->m, d, &r->opt, NULL, &r->cam, mjCAT_ALL, &r->scn);
  if (!hr_add_overlay(r, seg, nseg, sph, nsph)) { hr_jmp = prev; return 1; }
  mjrRect viewport = {0, 0, w, h};
  mjr_setBuffer(r->window ? mjFB_WINDOW : mjFB_OFFSCREEN, &r->con);
  mjr_render(viewport, &r->scn, &r->con);
  if (rgb_out || depth_out) mjr_readPixels(rgb_out ? r->rgb : NULL, depth_out ? r->depth : NULL, viewport, &r->con);
  hr_jmp = prev;
  if (rgb_out) {
    // GL rows run bottom-up; images are upright.
    size_t row = (size_t)w * 3;
    for (int y = 0; y < h; y++) memcpy(rgb_out + row * y, r->rgb + row * (h - 1 - y), row);
  }
  if (depth_out) {
    size_t row = (size_t)w;
    for (int y = 0; y < h; y++) memcpy(depth_out + row * y, r->depth + row * (h - 1 - y), row * sizeof(float));
  }
  if (r->window) hg_swap(r->gl);
  return 0;
}

static void hr_fixed(hm_render* r, int camid) {
  r->cam.type = mjCAMERA_FIXED;
  r->cam.fixedcamid = camid;
}

static void hr_free_camera(hm_render* r, const double* lookat, double distance, double azimuth, double elevation) {
  r->cam.type = mjCAMERA_FREE;
  r->cam.lookat[0] = lookat[0]; r->cam.lookat[1] = lookat[1]; r->cam.lookat[2] = lookat[2];
  r->cam.distance = distance;
  r->cam.azimuth = azimuth;
  r->cam.elevation = elevation;
}

// Renders a model camera (fixed) into rgb_out (width x height). Returns 0 on success.
int hm_render_camera(hm_render* r, mjData* d, int camid, unsigned char* rgb_out,
                     const double* seg, int nseg, const double* sph, int nsph) {
  if (camid < 0 || camid >= r->m->ncam) { snprintf(hg_err, sizeof hg_err, "camera id %d out of range (ncam %d)", camid, r->m->ncam); return 1; }
  hr_fixed(r, camid);
  return hr_draw(r, d, rgb_out, NULL, r->width, r->height, seg, nseg, sph, nsph);
}

// Renders a model camera and reads its depth buffer into depth_out (width x height floats,
// upright): MuJoCo's window depth in [0, 1] between the near and far clipping planes
// (hm_model_depth_clip); the C# side turns it into metres.
int hm_render_camera_depth(hm_render* r, mjData* d, int camid, float* depth_out) {
  if (camid < 0 || camid >= r->m->ncam) { snprintf(hg_err, sizeof hg_err, "camera id %d out of range (ncam %d)", camid, r->m->ncam); return 1; }
  hr_fixed(r, camid);
  return hr_draw(r, d, NULL, depth_out, r->width, r->height, NULL, 0, NULL, 0);
}

// Renders from a free camera orbiting lookat (azimuth/elevation in degrees).
int hm_render_free_camera(hm_render* r, mjData* d, const double* lookat, double distance, double azimuth, double elevation,
                          unsigned char* rgb_out, const double* seg, int nseg, const double* sph, int nsph) {
  hr_free_camera(r, lookat, distance, azimuth, elevation);
  return hr_draw(r, d, rgb_out, NULL, r->width, r->height, seg, nseg, sph, nsph);
}

// ------------------------------------------------------------------------------ windows
void hm_window_size(hm_render* r, int* width, int* height) { hg_framebuffer_size(r->gl, width, height); }
int hm_window_events(hm_render* r, double* out, int max) { return hg_events(r->gl, out, max); }
int hm_window_should_close(hm_render* r) { return hg_should_close(r->gl); }
void hm_window_set_should_close(hm_render* r, int value) { hg_set_should_close(r->gl, value); }

// Draws a frame into the window from a free camera (camid < 0) or a model camera and shows it;
// with rgb_out (out_w x out_h = the framebuffer size), also returns the frame's pixels.
int hm_window_draw(hm_render* r, mjData* d, int camid, const double* lookat, double distance, double azimuth, double elevation,
                   unsigned char* rgb_out, int out_w, int out_h, const double* seg, int nseg, const double* sph, int nsph) {
  if (camid >= r->m->ncam) { snprintf(hg_err, sizeof hg_err, "camera id %d out of range (ncam %d)", camid, r->m->ncam); return 1; }
  if (camid >= 0) hr_fixed(r, camid);
  else hr_free_camera(r, lookat, distance, azimuth, elevation);
  return hr_draw(r, d, rgb_out, NULL, out_w, out_h, seg, nseg, sph, nsph);
}

// ------------------------------------------------------------- raw loop (benchmark baseline)
// The same MuJoCo calls with no per-frame checks, overlay or flip: what a hand-written C loop
// would do. Returns 0 on success.
int hm_render_raw_loop(hm_render* r, mjData* d, int camid, int frames) {
  if (!hg_make_current(r->gl)) return 1;
  if (r->rgbsize < (size_t)r->width * r->height * 3) {
    free(r->rgb);
    r->rgbsize = (size_t)r->width * r->height * 3;
    if (!(r->rgb = (unsigned char*)malloc(r->rgbsize))) { r->rgbsize = 0; snprintf(hg_err, sizeof hg_err, "out of memory"); return 1; }
  }
  jmp_buf env;
  jmp_buf* prev = hr_jmp;
  if (setjmp(env)) { hr_jmp = prev; return 1; }
  hr_jmp = &env;
  hr_fixed(r, camid);
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
