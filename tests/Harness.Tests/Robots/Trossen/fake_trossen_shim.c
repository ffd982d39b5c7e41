/*
 * A fake of Harness's Trossen shim ABI (src/Robots/Trossen/Native/shim/trossen_shim.h) for tests:
 * no vendor library, no network. It follows the vendor's documented behaviour (TrossenRobotics/trossen_arm
 * docs and headers), not its implementation:
 *  - joints start idle (braked) after configure; position commands need position mode, otherwise the
 *    controller enters "Robot input with modes different than configured modes received" (14);
 *  - set_all_positions interpolates: quintic (zero end velocity) above 0.2 s, linear above 1 ms, else the
 *    goal applies at once; blocking calls return after the goal time;
 *  - commands are clipped to [position_min, position_max] and to velocity_max (the motor loop's clips),
 *    with the wxai_v0 default limits; a non-finite input is error 16;
 *  - an immediate step the motor cannot follow within one 1 kHz cycle (more than velocity_max x 1 ms)
 *    is reported as "Joint limit exceeded" (15), as the vendor's error-recovery demo shows;
 *  - in an error state the joints brake, the gripper closes, every command fails until clear_error() or
 *    configure(clear_error = true); the error outlives a disconnect (it belongs to the controller);
 *  - one driver per controller; addresses in 192.0.2.0/24 (documentation range) never answer.
 * Efforts are a viscous stand-in (0.1 Nm per rad/s): the fake has no dynamics.
 * Test-only exports: fake_trossen_inject_error(ip, code), fake_trossen_reset().
 */
#define _POSIX_C_SOURCE 200809L
#include "trossen_shim.h"

#include <arpa/inet.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define JOINTS 7
#define CYCLE 0.001
#define MAX_CONTROLLERS 16

typedef struct { double min, max, tolerance, velocity_max, velocity_tolerance; } limit_t;

/* wxai_v0 defaults (demos/cpp/default_configurations_wxai_v0.yaml). */
static const limit_t LIMITS[JOINTS] = {
  {-3.1415927, 3.1415927, 0.2, 6.2831855, 0},
  {0.0, 3.1415927, 0.2, 6.2831855, 0},
  {0.0, 2.3561945, 0.2, 6.2831855, 0},
  {-1.5707964, 1.5707964, 0.4, 9.424778, 0},
  {-1.5707964, 1.5707964, 0.4, 9.424778, 0},
  {-3.1415927, 3.1415927, 0.4, 9.424778, 0},
  {0.0, 0.04, 0.004, 0.25, 0},
};

/* trossen_arm::ERROR_INFORMATION */
static const char *ERROR_TEXT[] = {
  "No error",
  "Controller's Ethernet manager failed to initialize",
  "Controller's CAN interface failed to initialize",
  "Controller's CAN interface failed to send a message",
  "Controller's CAN interface failed to receive a message",
  "Joint clear error command failed",
  "Joint enable command failed",
  "Joint disable command failed",
  "Joint home calibration command failed",
  "Joint disabled unexpectedly",
  "Joint overheated",
  "Invalid mode command received",
  "Invalid robot command indicator received",
  "Invalid configuration address",
  "Robot input with modes different than configured modes received",
  "Joint limit exceeded",
  "Robot input with infinite values received",
};

typedef struct {
  char ip[64];
  int used, connected, error;
  double q[JOINTS];
} controller_t;

struct th_arm {
  controller_t *c;
  int position_mode;
  /* One trajectory per joint (set_gripper_position leaves the arm joints' moves running). */
  double start[JOINTS], goal[JOINTS], t0[JOINTS], duration[JOINTS];
  int kind[JOINTS]; /* 0 hold, 1 immediate, 2 linear, 3 quintic */
  double actual[JOINTS], velocity[JOINTS], last;
};

static controller_t controllers[MAX_CONTROLLERS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static __thread char last_error[512];

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void sleep_until(double t)
{
  double left = t - now();
  if (left <= 0) return;
  struct timespec ts = {(time_t)left, (long)((left - (time_t)left) * 1e9)};
  nanosleep(&ts, NULL);
}

static int fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#include <stdarg.h>
static int fail(int code, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(last_error, sizeof last_error, fmt, ap);
  va_end(ap);
  return code;
}

static double clip(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Desired position of joint j at time t along the current trajectory. */
static double desired(const struct th_arm *a, int j, double t)
{
  if (a->kind[j] == 0 || a->kind[j] == 1) return a->goal[j];
  double s = a->duration[j] > 0 ? clip((t - a->t0[j]) / a->duration[j], 0, 1) : 1;
  if (a->kind[j] == 3) s = s * s * s * (10 - 15 * s + 6 * s * s);
  return a->start[j] + (a->goal[j] - a->start[j]) * s;
}

static void hold(struct th_arm *a)
{
  for (int j = 0; j < JOINTS; j++) {
    a->kind[j] = 0;
    a->goal[j] = a->actual[j];
  }
}

static void enter_error(struct th_arm *a, int code)
{
  a->c->error = code;
  a->position_mode = 0;
  hold(a);
}

/* Runs the 1 kHz motor loop from the last update to now. */
static void advance(struct th_arm *a)
{
  double t = now();
  int steps = (int)((t - a->last) / CYCLE);
  if (steps > 600000) steps = 600000;
  for (int k = 0; k < steps; k++) {
    double tk = a->last + CYCLE;
    for (int j = 0; j < JOINTS; j++) {
      double target;
      if (a->c->error) {
        /* Braked; the gripper closes with a safe force. */
        target = j == JOINTS - 1 ? LIMITS[j].min : a->actual[j];
      } else if (!a->position_mode) {
        target = a->actual[j];
      } else {
        target = clip(desired(a, j, tk), LIMITS[j].min, LIMITS[j].max);
      }
      double step = clip(target - a->actual[j], -LIMITS[j].velocity_max * CYCLE, LIMITS[j].velocity_max * CYCLE);
      a->actual[j] += step;
      a->velocity[j] = step / CYCLE;
      if (a->actual[j] > LIMITS[j].max + LIMITS[j].tolerance || a->actual[j] < LIMITS[j].min - LIMITS[j].tolerance) {
        enter_error(a, 15);
      }
    }
    a->last = tk;
  }
  memcpy(a->c->q, a->actual, sizeof a->actual);
}

static int refuse_in_error(struct th_arm *a)
{
  if (!a->c->error) return TH_OK;
  return fail(TH_ERR_RUNTIME, "the arm controller at %s is in error state %d: %s. Clear it with clear_error() or configure(..., clear_error=true).",
    a->c->ip, a->c->error, ERROR_TEXT[a->c->error]);
}

int th_abi_version(void) { return TH_ABI_VERSION; }

const char *th_last_error(void) { return last_error; }

int th_connect(const char *ip, int model, int end_effector, int clear_error, double timeout_s, th_arm **out)
{
  last_error[0] = '\0';
  if (ip == NULL || out == NULL) return fail(TH_ERR_USAGE, "th_connect needs an IP address and an output handle");
  *out = NULL;
  if (model < 0 || model > 2) return fail(TH_ERR_USAGE, "unknown model %d", model);
  if (end_effector < 0 || end_effector > 3) return fail(TH_ERR_USAGE, "unknown end effector %d", end_effector);
  unsigned char addr[4];
  if (inet_pton(AF_INET, ip, addr) != 1) return fail(TH_ERR_USAGE, "'%s' is not an IPv4 address", ip);
  if (addr[0] == 192 && addr[1] == 0 && addr[2] == 2) {
    sleep_until(now() + (timeout_s < 0.05 ? timeout_s : 0.05));
    return fail(TH_ERR_RUNTIME, "Failed to connect to the arm controller's TCP server at %s:50001 within %.1f s", ip, timeout_s);
  }
  pthread_mutex_lock(&lock);
  controller_t *c = NULL;
  for (int i = 0; i < MAX_CONTROLLERS && c == NULL; i++)
    if (controllers[i].used && strcmp(controllers[i].ip, ip) == 0) c = &controllers[i];
  for (int i = 0; i < MAX_CONTROLLERS && c == NULL; i++)
    if (!controllers[i].used) {
      c = &controllers[i];
      memset(c, 0, sizeof *c);
      c->used = 1;
      snprintf(c->ip, sizeof c->ip, "%s", ip);
    }
  int rc = TH_OK;
  if (c == NULL) rc = fail(TH_ERR_OTHER, "fake: too many controllers");
  else if (c->connected) rc = fail(TH_ERR_RUNTIME, "the arm controller at %s already serves a driver (one driver at a time)", ip);
  else if (c->error && !clear_error)
    rc = fail(TH_ERR_RUNTIME, "the arm controller at %s is in error state %d: %s. Configure with clear_error=true to clear it.", ip, c->error, ERROR_TEXT[c->error]);
  if (rc != TH_OK) {
    pthread_mutex_unlock(&lock);
    return rc;
  }
  if (clear_error) c->error = 0;
  c->connected = 1;
  pthread_mutex_unlock(&lock);
  struct th_arm *a = calloc(1, sizeof *a);
  a->c = c;
  memcpy(a->actual, c->q, sizeof a->actual);
  memcpy(a->goal, c->q, sizeof a->goal);
  a->last = now();
  *out = a;
  return TH_OK;
}

int th_disconnect(th_arm *a)
{
  if (a == NULL) return TH_OK;
  advance(a);
  pthread_mutex_lock(&lock);
  a->c->connected = 0;
  pthread_mutex_unlock(&lock);
  free(a);
  return TH_OK;
}

int th_num_joints(th_arm *a, int *out)
{
  if (a == NULL || out == NULL) return fail(TH_ERR_USAGE, "th_num_joints needs an arm and an output");
  *out = JOINTS;
  return TH_OK;
}

static int copy_text(const char *text, char *buf, int len)
{
  if (buf == NULL || len <= 0) return fail(TH_ERR_USAGE, "a text buffer of at least 1 byte is needed");
  snprintf(buf, (size_t)len, "%s", text);
  return TH_OK;
}

int th_driver_version(th_arm *a, char *buf, int len) { (void)a; return copy_text("1.11.0 (fake)", buf, len); }
int th_controller_version(th_arm *a, char *buf, int len) { (void)a; return copy_text("1.11.1 (fake)", buf, len); }

int th_set_position_mode(th_arm *a)
{
  advance(a);
  int rc = refuse_in_error(a);
  if (rc != TH_OK) return rc;
  a->position_mode = 1;
  hold(a);
  return TH_OK;
}

int th_torque_off(th_arm *a)
{
  advance(a);
  a->position_mode = 0;
  hold(a);
  return TH_OK;
}

int th_read(th_arm *a, double *positions, double *velocities, double *efforts, int n)
{
  if (n != JOINTS) return fail(TH_ERR_USAGE, "expected %d values (one per joint, gripper last), got %d", JOINTS, n);
  advance(a);
  for (int j = 0; j < JOINTS; j++) {
    if (positions) positions[j] = a->actual[j];
    if (velocities) velocities[j] = a->velocity[j];
    if (efforts) efforts[j] = 0.1 * a->velocity[j];
  }
  return TH_OK;
}

static int start_move(th_arm *a, const double *goal, int first, int count, double goal_time, int blocking)
{
  advance(a);
  int rc = refuse_in_error(a);
  if (rc != TH_OK) return rc;
  for (int j = first; j < first + count; j++)
    if (!isfinite(goal[j - first])) {
      enter_error(a, 16);
      return refuse_in_error(a);
    }
  if (!a->position_mode) {
    enter_error(a, 14);
    return refuse_in_error(a);
  }
  double t = now();
  int kind = goal_time > 0.2 ? 3 : goal_time > 0.001 ? 2 : 1;
  for (int j = first; j < first + count; j++) {
    a->start[j] = a->actual[j];
    a->goal[j] = goal[j - first];
    a->t0[j] = t;
    a->duration[j] = goal_time;
    a->kind[j] = kind;
  }
  if (kind == 1) {
    for (int j = first; j < first + count; j++) {
      double jump = fabs(clip(a->goal[j], LIMITS[j].min, LIMITS[j].max) - a->actual[j]);
      if (jump > (LIMITS[j].velocity_max + LIMITS[j].velocity_tolerance) * CYCLE) {
        enter_error(a, 15);
        return refuse_in_error(a);
      }
    }
  }
  if (blocking) {
    sleep_until(t + goal_time);
    advance(a);
    return refuse_in_error(a);
  }
  return TH_OK;
}

int th_set_positions(th_arm *a, const double *goal, int n, double goal_time, int blocking)
{
  if (a == NULL || goal == NULL) return fail(TH_ERR_USAGE, "th_set_positions needs an arm and goal values");
  if (n != JOINTS) return fail(TH_ERR_USAGE, "expected %d values (one per joint, gripper last), got %d", JOINTS, n);
  return start_move(a, goal, 0, JOINTS, goal_time, blocking);
}

int th_set_gripper(th_arm *a, double position_m, double goal_time, int blocking)
{
  if (a == NULL) return fail(TH_ERR_USAGE, "the arm handle is null");
  return start_move(a, &position_m, JOINTS - 1, 1, goal_time, blocking);
}

int th_joint_limits(th_arm *a, double *position_min, double *position_max, double *velocity_max, int n)
{
  (void)a;
  if (n != JOINTS) return fail(TH_ERR_USAGE, "expected %d values, got %d", JOINTS, n);
  for (int j = 0; j < JOINTS; j++) {
    if (position_min) position_min[j] = LIMITS[j].min;
    if (position_max) position_max[j] = LIMITS[j].max;
    if (velocity_max) velocity_max[j] = LIMITS[j].velocity_max;
  }
  return TH_OK;
}

int th_error_information(th_arm *a, char *buf, int len)
{
  advance(a);
  return copy_text(ERROR_TEXT[a->c->error], buf, len);
}

int th_clear_error(th_arm *a)
{
  advance(a);
  a->c->error = 0;
  a->position_mode = 0;
  hold(a);
  return TH_OK;
}

/* ---- test controls (not part of the shim ABI) ---- */

int fake_trossen_inject_error(const char *ip, int code)
{
  pthread_mutex_lock(&lock);
  int found = 0;
  for (int i = 0; i < MAX_CONTROLLERS; i++)
    if (controllers[i].used && strcmp(controllers[i].ip, ip) == 0) {
      controllers[i].error = code;
      found = 1;
    }
  pthread_mutex_unlock(&lock);
  return found ? TH_OK : TH_ERR_USAGE;
}

void fake_trossen_reset(void)
{
  pthread_mutex_lock(&lock);
  memset(controllers, 0, sizeof controllers);
  pthread_mutex_unlock(&lock);
}
