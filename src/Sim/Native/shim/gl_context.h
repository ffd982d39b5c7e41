// GL contexts without (OSMesa, EGL) or with (GLFW) a display, opened through dlopen so only the
// runtime packages are needed. Shared by render.c; internal to the shim.
#ifndef HARNESS_GL_CONTEXT_H
#define HARNESS_GL_CONTEXT_H

#define HM_GL_OSMESA 1
#define HM_GL_EGL 2
#define HM_GL_GLFW 3

// Input events collected from a GLFW window; packed for C# as doubles (see hm_window_events).
#define HG_EVENT_KEY 1
#define HG_EVENT_DRAG 2
#define HG_EVENT_SCROLL 3
#define HG_EVENT_BUTTON 4
#define HG_EVENT_STRIDE 7
#define HG_EVENT_CAPACITY 256

typedef struct hg_context hg_context;

extern __thread char hg_err[1024];

int hg_backend(void);
int hg_load(int backend, const char* path);
const char* hg_describe(void);
// visible: a GLFW window with that title (GLFW backend only); otherwise a context for offscreen drawing.
hg_context* hg_create(int visible, int width, int height, const char* title);
int hg_make_current(hg_context* c);
void hg_destroy(hg_context* c);
void hg_framebuffer_size(hg_context* c, int* width, int* height);
void hg_swap(hg_context* c);
int hg_events(hg_context* c, double* out, int max);
int hg_should_close(hg_context* c);
void hg_set_should_close(hg_context* c, int value);

#endif
