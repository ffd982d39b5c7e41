// GL contexts for MuJoCo's renderer. MuJoCo 2.2.2's glad loader looks up OSMesaGetProcAddress /
// eglGetProcAddress / glXGetProcAddressARB in the global symbol namespace, so the chosen library
// is opened with RTLD_GLOBAL before the first mjr_makeContext. glad loads its function pointers
// once per process, hence one backend per process.
#include "gl_context.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__thread char hg_err[1024];

static pthread_mutex_t hg_lock = PTHREAD_MUTEX_INITIALIZER;
static int hg_loaded = 0;
static void* hg_lib = NULL;
static char hg_desc[256];

// ---------------------------------------------------------------- OSMesa
typedef void* (*PFN_OSMesaCreateContextExt)(unsigned, int, int, int, void*);
typedef unsigned char (*PFN_OSMesaMakeCurrent)(void*, void*, unsigned, int, int);
typedef void (*PFN_OSMesaDestroyContext)(void*);
typedef void* (*PFN_OSMesaGetCurrentContext)(void);
static PFN_OSMesaCreateContextExt pOSMesaCreateContextExt;
static PFN_OSMesaMakeCurrent pOSMesaMakeCurrent;
static PFN_OSMesaDestroyContext pOSMesaDestroyContext;
static PFN_OSMesaGetCurrentContext pOSMesaGetCurrentContext;

// ---------------------------------------------------------------- EGL
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
static void* hg_egl_display = NULL;
static void* hg_egl_config = NULL;
#define EGL_NONE_ 0x3038
#define EGL_OPENGL_API_ 0x30A2

// ---------------------------------------------------------------- GLFW
typedef void (*GLFWkeyfun)(void*, int, int, int, int);
typedef void (*GLFWmousebuttonfun)(void*, int, int, int);
typedef void (*GLFWcursorposfun)(void*, double, double);
typedef void (*GLFWscrollfun)(void*, double, double);
static int (*pglfwInit)(void);
static void (*pglfwWindowHint)(int, int);
static void* (*pglfwCreateWindow)(int, int, const char*, void*, void*);
static void (*pglfwDestroyWindow)(void*);
static void (*pglfwMakeContextCurrent)(void*);
static void* (*pglfwGetCurrentContext)(void);
static void (*pglfwSwapBuffers)(void*);
static void (*pglfwSwapInterval)(int);
static void (*pglfwPollEvents)(void);
static int (*pglfwWindowShouldClose)(void*);
static void (*pglfwSetWindowShouldClose)(void*, int);
static void (*pglfwGetFramebufferSize)(void*, int*, int*);
static void (*pglfwSetWindowUserPointer)(void*, void*);
static void* (*pglfwGetWindowUserPointer)(void*);
static GLFWkeyfun (*pglfwSetKeyCallback)(void*, GLFWkeyfun);
static GLFWmousebuttonfun (*pglfwSetMouseButtonCallback)(void*, GLFWmousebuttonfun);
static GLFWcursorposfun (*pglfwSetCursorPosCallback)(void*, GLFWcursorposfun);
static GLFWscrollfun (*pglfwSetScrollCallback)(void*, GLFWscrollfun);
static int (*pglfwGetError)(const char**);
static int (*pglfwGetMouseButton)(void*, int);
static void (*pglfwGetCursorPos)(void*, double*, double*);
#define GLFW_VISIBLE_ 0x00020004
#define GLFW_SAMPLES_ 0x0002100D

struct hg_context {
  void* ctx;                // OSMesaContext, EGLContext or GLFWwindow*
  void* surface;            // EGL pbuffer
  unsigned char osbuf[16];  // OSMesa's 2x2 default framebuffer; MuJoCo draws into its own FBO
  // GLFW input, filled by callbacks during hm_window_poll
  double events[HG_EVENT_CAPACITY * HG_EVENT_STRIDE];
  int nevents;
  double cursor_x, cursor_y;
  int buttons;  // bit i: mouse button i held
};

int hg_backend(void) { return hg_loaded; }
const char* hg_describe(void) { return hg_desc; }

#define LOADSYM(var, name)                                                          \
  do {                                                                              \
    *(void**)(&var) = dlsym(hg_lib, name);                                          \
    if (!var) { snprintf(hg_err, sizeof hg_err, "%s has no symbol %s", path, name); return 0; } \
  } while (0)

static int load_osmesa(const char* path) {
  LOADSYM(pOSMesaCreateContextExt, "OSMesaCreateContextExt");
  LOADSYM(pOSMesaMakeCurrent, "OSMesaMakeCurrent");
  LOADSYM(pOSMesaDestroyContext, "OSMesaDestroyContext");
  LOADSYM(pOSMesaGetCurrentContext, "OSMesaGetCurrentContext");
  snprintf(hg_desc, sizeof hg_desc, "osmesa (%s)", path);
  return 1;
}

static int egl_try_display(void* dpy, const char* how) {
  if (!dpy) return 0;
  int major = 0, minor = 0;
  if (!peglInitialize(dpy, &major, &minor)) return 0;
  peglBindAPI(EGL_OPENGL_API_);
  // RGBA8, depth 24, stencil 8, pbuffer-capable, desktop OpenGL (MuJoCo needs the compatibility profile).
  const int attrs[] = {0x3033 /*SURFACE_TYPE*/, 0x0001 /*PBUFFER_BIT*/, 0x3040 /*RENDERABLE_TYPE*/, 0x0008 /*OPENGL_BIT*/,
                       0x3024, 8, 0x3023, 8, 0x3022, 8, 0x3021, 8, 0x3025, 24, 0x3026, 8, EGL_NONE_};
  void* cfg = NULL;
  int n = 0;
  if (!peglChooseConfig(dpy, attrs, &cfg, 1, &n) || n < 1) return 0;
  hg_egl_display = dpy;
  hg_egl_config = cfg;
  const char* vendor = peglQueryString(dpy, 0x3053 /*VENDOR*/);
  snprintf(hg_desc, sizeof hg_desc, "egl %d.%d, %s, vendor %s", major, minor, how, vendor ? vendor : "?");
  return 1;
}

static int load_egl(const char* path) {
  LOADSYM(peglGetProcAddress, "eglGetProcAddress");
  LOADSYM(peglGetDisplay, "eglGetDisplay");
  LOADSYM(peglInitialize, "eglInitialize");
  LOADSYM(peglBindAPI, "eglBindAPI");
  LOADSYM(peglChooseConfig, "eglChooseConfig");
  LOADSYM(peglCreateContext, "eglCreateContext");
  LOADSYM(peglCreatePbufferSurface, "eglCreatePbufferSurface");
  LOADSYM(peglMakeCurrent, "eglMakeCurrent");
  LOADSYM(peglDestroyContext, "eglDestroyContext");
  LOADSYM(peglDestroySurface, "eglDestroySurface");
  LOADSYM(peglGetCurrentContext, "eglGetCurrentContext");
  LOADSYM(peglGetError, "eglGetError");
  LOADSYM(peglQueryString, "eglQueryString");
  PFN_eglGetPlatformDisplayEXT platformDisplay = (PFN_eglGetPlatformDisplayEXT)peglGetProcAddress("eglGetPlatformDisplayEXT");
  PFN_eglQueryDevicesEXT queryDevices = (PFN_eglQueryDevicesEXT)peglGetProcAddress("eglQueryDevicesEXT");
  // A GPU through the device platform first, then Mesa's surfaceless platform, then the default display.
  if (platformDisplay && queryDevices) {
    void* devices[16];
    int count = 0;
    if (queryDevices(16, devices, &count))
      for (int i = 0; i < count; i++) {
        char how[64];
        snprintf(how, sizeof how, "device %d of %d", i, count);
        if (egl_try_display(platformDisplay(0x313F /*PLATFORM_DEVICE_EXT*/, devices[i], NULL), how)) return 1;
      }
  }
  if (platformDisplay && egl_try_display(platformDisplay(0x31DD /*PLATFORM_SURFACELESS_MESA*/, NULL, NULL), "surfaceless")) return 1;
  if (egl_try_display(peglGetDisplay(NULL), "default display")) return 1;
  snprintf(hg_err, sizeof hg_err,
           "%s loaded but no EGL display offers an OpenGL pbuffer config (tried device, surfaceless and default platforms; eglGetError 0x%x)",
           path, peglGetError());
  return 0;
}

static int load_glfw(const char* path) {
  LOADSYM(pglfwInit, "glfwInit");
  LOADSYM(pglfwWindowHint, "glfwWindowHint");
  LOADSYM(pglfwCreateWindow, "glfwCreateWindow");
  LOADSYM(pglfwDestroyWindow, "glfwDestroyWindow");
  LOADSYM(pglfwMakeContextCurrent, "glfwMakeContextCurrent");
  LOADSYM(pglfwGetCurrentContext, "glfwGetCurrentContext");
  LOADSYM(pglfwSwapBuffers, "glfwSwapBuffers");
  LOADSYM(pglfwSwapInterval, "glfwSwapInterval");
  LOADSYM(pglfwPollEvents, "glfwPollEvents");
  LOADSYM(pglfwWindowShouldClose, "glfwWindowShouldClose");
  LOADSYM(pglfwSetWindowShouldClose, "glfwSetWindowShouldClose");
  LOADSYM(pglfwGetFramebufferSize, "glfwGetFramebufferSize");
  LOADSYM(pglfwSetWindowUserPointer, "glfwSetWindowUserPointer");
  LOADSYM(pglfwGetWindowUserPointer, "glfwGetWindowUserPointer");
  LOADSYM(pglfwSetKeyCallback, "glfwSetKeyCallback");
  LOADSYM(pglfwSetMouseButtonCallback, "glfwSetMouseButtonCallback");
  LOADSYM(pglfwSetCursorPosCallback, "glfwSetCursorPosCallback");
  LOADSYM(pglfwSetScrollCallback, "glfwSetScrollCallback");
  LOADSYM(pglfwGetError, "glfwGetError");
  LOADSYM(pglfwGetMouseButton, "glfwGetMouseButton");
  LOADSYM(pglfwGetCursorPos, "glfwGetCursorPos");
  // GLFW opens libGL privately; MuJoCo's loader needs glXGetProcAddressARB visible globally.
  if (!dlopen("libGL.so.1", RTLD_NOW | RTLD_GLOBAL)) { snprintf(hg_err, sizeof hg_err, "libGL.so.1: %s", dlerror()); return 0; }
  if (!pglfwInit()) {
    const char* why = NULL;
    pglfwGetError(&why);
    snprintf(hg_err, sizeof hg_err, "glfwInit failed: %s (is DISPLAY set to a running X server?)", why ? why : "no reason given");
    return 0;
  }
  snprintf(hg_desc, sizeof hg_desc, "glfw (%s, GLX)", path);
  return 1;
}

int hg_load(int backend, const char* path) {
  pthread_mutex_lock(&hg_lock);
  int rc = 0;
  if (hg_loaded != 0) {
    if (hg_loaded != backend) {
      snprintf(hg_err, sizeof hg_err, "this process already renders with %s; MuJoCo 2.2.2 loads GL once per process, so one backend per process", hg_desc);
      rc = -2;
    }
  } else if (!(hg_lib = dlopen(path, RTLD_NOW | RTLD_GLOBAL))) {
    snprintf(hg_err, sizeof hg_err, "%s", dlerror());
    rc = -1;
  } else if (!(backend == HM_GL_OSMESA ? load_osmesa(path) : backend == HM_GL_EGL ? load_egl(path) : load_glfw(path))) {
    rc = -1;
  } else {
    hg_loaded = backend;
  }
  pthread_mutex_unlock(&hg_lock);
  return rc;
}

// ---------------------------------------------------------------- GLFW input callbacks
static void push_event(void* window, double type, double code, double mods, double a, double b) {
  hg_context* c = (hg_context*)pglfwGetWindowUserPointer(window);
  if (!c || c->nevents >= HG_EVENT_CAPACITY) return;  // a full queue drops input, never blocks
  double* e = c->events + HG_EVENT_STRIDE * c->nevents++;
  e[0] = type; e[1] = code; e[2] = mods; e[3] = c->cursor_x; e[4] = c->cursor_y; e[5] = a; e[6] = b;
}
static void on_key(void* w, int key, int scancode, int action, int mods) {
  (void)scancode;
  if (action != 0) push_event(w, HG_EVENT_KEY, key, mods, action == 2 ? 1 : 0, 0);  // a: 1 when a repeat
}
static void on_button(void* w, int button, int action, int mods) {
  hg_context* c = (hg_context*)pglfwGetWindowUserPointer(w);
  if (c && button >= 0 && button < 8) c->buttons = action ? (c->buttons | (1 << button)) : (c->buttons & ~(1 << button));
  push_event(w, HG_EVENT_BUTTON, button, mods, action, 0);
}
static void on_cursor(void* w, double x, double y) {
  hg_context* c = (hg_context*)pglfwGetWindowUserPointer(w);
  if (!c) return;
  double dx = x - c->cursor_x, dy = y - c->cursor_y;
  c->cursor_x = x; c->cursor_y = y;
  for (int b = 0; b < 3; b++)
    if (c->buttons & (1 << b)) { push_event(w, HG_EVENT_DRAG, b, 0, dx, dy); break; }
}
static void on_scroll(void* w, double dx, double dy) { push_event(w, HG_EVENT_SCROLL, 0, 0, dx, dy); }

// ---------------------------------------------------------------- contexts
hg_context* hg_create(int visible, int width, int height, const char* title) {
  if (hg_loaded == 0) { snprintf(hg_err, sizeof hg_err, "no GL backend loaded"); return NULL; }
  if (visible && hg_loaded != HM_GL_GLFW) { snprintf(hg_err, sizeof hg_err, "windows need the glfw backend; this process uses %s", hg_desc); return NULL; }
  hg_context* c = (hg_context*)calloc(1, sizeof(hg_context));
  if (!c) { snprintf(hg_err, sizeof hg_err, "out of memory"); return NULL; }
  if (hg_loaded == HM_GL_OSMESA) {
    c->ctx = pOSMesaCreateContextExt(0x1908 /*OSMESA_RGBA*/, 24, 8, 0, NULL);
    if (!c->ctx) { snprintf(hg_err, sizeof hg_err, "OSMesaCreateContextExt failed"); free(c); return NULL; }
  } else if (hg_loaded == HM_GL_EGL) {
    peglBindAPI(EGL_OPENGL_API_);
    c->ctx = peglCreateContext(hg_egl_display, hg_egl_config, NULL, NULL);
    if (!c->ctx) { snprintf(hg_err, sizeof hg_err, "eglCreateContext failed (eglGetError 0x%x)", peglGetError()); free(c); return NULL; }
    const int pb[] = {0x3057 /*WIDTH*/, 1, 0x3056 /*HEIGHT*/, 1, EGL_NONE_};
    c->surface = peglCreatePbufferSurface(hg_egl_display, hg_egl_config, pb);
    if (!c->surface) { snprintf(hg_err, sizeof hg_err, "eglCreatePbufferSurface failed (eglGetError 0x%x)", peglGetError()); hg_destroy(c); return NULL; }
  } else {
    pglfwWindowHint(GLFW_VISIBLE_, visible ? 1 : 0);
    pglfwWindowHint(GLFW_SAMPLES_, 4);
    c->ctx = pglfwCreateWindow(visible ? width : 64, visible ? height : 64, title ? title : "harness", NULL, NULL);
    if (!c->ctx) {
      const char* why = NULL;
      pglfwGetError(&why);
      snprintf(hg_err, sizeof hg_err, "glfwCreateWindow failed: %s", why ? why : "no reason given");
      free(c);
      return NULL;
    }
    pglfwSetWindowUserPointer(c->ctx, c);
    if (visible) {
      pglfwSetKeyCallback(c->ctx, on_key);
      pglfwSetMouseButtonCallback(c->ctx, on_button);
      pglfwSetCursorPosCallback(c->ctx, on_cursor);
      pglfwSetScrollCallback(c->ctx, on_scroll);
      pglfwGetCursorPos(c->ctx, &c->cursor_x, &c->cursor_y);
    }
  }
  if (!hg_make_current(c)) { hg_destroy(c); return NULL; }
  if (hg_loaded == HM_GL_GLFW) pglfwSwapInterval(visible ? 1 : 0);
  return c;
}

int hg_make_current(hg_context* c) {
  switch (hg_loaded) {
    case HM_GL_OSMESA:
      if (pOSMesaGetCurrentContext() == c->ctx) return 1;
      if (!pOSMesaMakeCurrent(c->ctx, c->osbuf, 0x1401 /*GL_UNSIGNED_BYTE*/, 2, 2)) {
        snprintf(hg_err, sizeof hg_err, "OSMesaMakeCurrent failed");
        return 0;
      }
      return 1;
    case HM_GL_EGL:
      peglBindAPI(EGL_OPENGL_API_);  // the bound API is per thread
      if (peglGetCurrentContext() == c->ctx) return 1;
      if (!peglMakeCurrent(hg_egl_display, c->surface, c->surface, c->ctx)) {
        snprintf(hg_err, sizeof hg_err, "eglMakeCurrent failed (eglGetError 0x%x); an EGL context can be current on one thread only", peglGetError());
        return 0;
      }
      return 1;
    default:
      if (pglfwGetCurrentContext() != c->ctx) pglfwMakeContextCurrent(c->ctx);
      return 1;
  }
}

void hg_destroy(hg_context* c) {
  if (!c) return;
  if (c->ctx) {
    switch (hg_loaded) {
      case HM_GL_OSMESA:
        if (pOSMesaGetCurrentContext() == c->ctx) pOSMesaMakeCurrent(NULL, NULL, 0, 0, 0);
        pOSMesaDestroyContext(c->ctx);
        break;
      case HM_GL_EGL:
        if (peglGetCurrentContext() == c->ctx) peglMakeCurrent(hg_egl_display, NULL, NULL, NULL);
        peglDestroyContext(hg_egl_display, c->ctx);
        break;
      default:
        if (pglfwGetCurrentContext() == c->ctx) pglfwMakeContextCurrent(NULL);
        pglfwDestroyWindow(c->ctx);
    }
  }
  if (c->surface) peglDestroySurface(hg_egl_display, c->surface);
  free(c);
}

void hg_framebuffer_size(hg_context* c, int* width, int* height) { pglfwGetFramebufferSize(c->ctx, width, height); }
void hg_swap(hg_context* c) { pglfwSwapBuffers(c->ctx); }

// ---------------------------------------------------------------- window input
// Polls GLFW and copies up to max queued events (HG_EVENT_STRIDE doubles each: type, code, mods,
// cursor x, cursor y, a, b) into out. Returns the number copied.
int hg_events(hg_context* c, double* out, int max) {
  if (hg_loaded != HM_GL_GLFW || !c) return 0;
  pglfwPollEvents();
  int n = c->nevents < max ? c->nevents : max;
  memcpy(out, c->events, sizeof(double) * HG_EVENT_STRIDE * n);
  memmove(c->events, c->events + HG_EVENT_STRIDE * n, sizeof(double) * HG_EVENT_STRIDE * (c->nevents - n));
  c->nevents -= n;
  return n;
}

int hg_should_close(hg_context* c) { return hg_loaded == HM_GL_GLFW && c ? pglfwWindowShouldClose(c->ctx) : 0; }
void hg_set_should_close(hg_context* c, int value) { if (hg_loaded == HM_GL_GLFW && c) pglfwSetWindowShouldClose(c->ctx, value); }
