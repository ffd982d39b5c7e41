/*
 * Harness's C ABI over Trossen Robotics' C++ driver (libtrossen_arm), so that C# can drive a
 * WidowX AI arm without C++ interop. One opaque handle per arm. Every call returns TH_OK (0) or a
 * negative code; th_last_error() then holds the driver's text for the calling thread.
 *
 * Built only where the vendor SDK is installed (HARNESS_TROSSEN_SDK, see TrossenShim.targets).
 * Tests load a fake implementation of this same ABI (tests/Harness.Tests/Robots/Trossen/fake_trossen_shim.c).
 * Change both, and TH_ABI_VERSION, together.
 */
#ifndef HARNESS_TROSSEN_SHIM_H
#define HARNESS_TROSSEN_SHIM_H

#ifdef __cplusplus
extern "C" {
#endif

#define TH_ABI_VERSION 1

#define TH_OK 0
/* The arm or its connection failed, or the controller is in an error state (trossen_arm::RuntimeError). */
#define TH_ERR_RUNTIME (-1)
/* The driver refused the call: wrong sizes, not configured, bad arguments (trossen_arm::LogicError). */
#define TH_ERR_USAGE (-2)
/* Any other exception. */
#define TH_ERR_OTHER (-3)

/* trossen_arm::Model */
#define TH_MODEL_WXAI_V0 0
#define TH_MODEL_VXAI_V0_RIGHT 1
#define TH_MODEL_VXAI_V0_LEFT 2

/* trossen_arm::StandardEndEffector */
#define TH_END_EFFECTOR_WXAI_V0_BASE 0
#define TH_END_EFFECTOR_WXAI_V0_LEADER 1
#define TH_END_EFFECTOR_WXAI_V0_FOLLOWER 2
#define TH_END_EFFECTOR_NO_GRIPPER 3

typedef struct th_arm th_arm;

int th_abi_version(void);

/* Text of the last failure on the calling thread ("" when none). Valid until the thread's next call. */
const char *th_last_error(void);

/* configure(model, end_effector, ip, clear_error, timeout): the arm's joints start in idle (braked). */
int th_connect(const char *ip, int model, int end_effector, int clear_error, double timeout_s, th_arm **out);

/* cleanup() and free the handle (also after a failure; the handle is invalid afterwards). */
int th_disconnect(th_arm *arm);

/* Number of joints including the gripper (7 for a WidowX AI with gripper). */
int th_num_joints(th_arm *arm, int *out);

int th_driver_version(th_arm *arm, char *buf, int len);
int th_controller_version(th_arm *arm, char *buf, int len);

/* set_all_modes(Mode::position): joints follow position commands. */
int th_set_position_mode(th_arm *arm);

/* set_all_modes(Mode::idle): joints braked, commands no longer followed. */
int th_torque_off(th_arm *arm);

/* get_all_positions / velocities / efforts: n values each (rad, rad/s, Nm; gripper m, m/s, N). Any pointer may be NULL. */
int th_read(th_arm *arm, double *positions, double *velocities, double *efforts, int n);

/* set_all_positions(goal, goal_time, blocking): n goal values, reached goal_time seconds from now. */
int th_set_positions(th_arm *arm, const double *goal, int n, double goal_time, int blocking);

/* set_gripper_position(position_m, goal_time, blocking). */
int th_set_gripper(th_arm *arm, double position_m, double goal_time, int blocking);

/* get_joint_limits(): n entries each of position_min, position_max, velocity_max. */
int th_joint_limits(th_arm *arm, double *position_min, double *position_max, double *velocity_max, int n);

/* get_error_information(): the controller's description of its error state ("No error" when none). */
int th_error_information(th_arm *arm, char *buf, int len);

/* clear_error(): cleanup() then configure(..., clear_error = true); joints idle afterwards. */
int th_clear_error(th_arm *arm);

#ifdef __cplusplus
}
#endif

#endif
