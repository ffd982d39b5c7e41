// The C ABI of trossen_shim.h over the vendor's C++ driver (trossen_arm::TrossenArmDriver from
// libtrossen_arm, TrossenRobotics/trossen_arm, header include/libtrossen_arm/trossen_arm.hpp).
// Exceptions never cross the C boundary: each call catches them and leaves the text in th_last_error().

#include "trossen_shim.h"

#include <cstring>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "libtrossen_arm/trossen_arm.hpp"

struct th_arm
{
  trossen_arm::TrossenArmDriver driver;
  int num_joints{0};
};

namespace
{

thread_local std::string last_error;

template<class F>
int guarded(F && call)
{
  last_error.clear();
  try {
    call();
    return TH_OK;
  } catch (const trossen_arm::LogicError & e) {
    last_error = e.what();
    return TH_ERR_USAGE;
  } catch (const trossen_arm::RuntimeError & e) {
    last_error = e.what();
    return TH_ERR_RUNTIME;
  } catch (const std::logic_error & e) {
    last_error = e.what();
    return TH_ERR_USAGE;
  } catch (const std::runtime_error & e) {
    last_error = e.what();
    return TH_ERR_RUNTIME;
  } catch (const std::exception & e) {
    last_error = e.what();
    return TH_ERR_OTHER;
  } catch (...) {
    last_error = "unknown exception from libtrossen_arm";
    return TH_ERR_OTHER;
  }
}

int usage(const std::string & message)
{
  last_error = message;
  return TH_ERR_USAGE;
}

int copy_text(const std::string & text, char * buf, int len)
{
  if (buf == nullptr || len <= 0) {
    return usage("a text buffer of at least 1 byte is needed");
  }
  std::strncpy(buf, text.c_str(), static_cast<size_t>(len - 1));
  buf[len - 1] = '\0';
  return TH_OK;
}

int check_arm(const th_arm * arm, int n)
{
  if (arm == nullptr) {
    return usage("the arm handle is null");
  }
  if (n != arm->num_joints) {
    return usage(
      "expected " + std::to_string(arm->num_joints) + " values (one per joint, gripper last), got " +
      std::to_string(n));
  }
  return TH_OK;
}

// A call on an arm handle: refuses a null handle, then runs guarded.
template<class F>
int with_arm(th_arm * arm, F && call)
{
  if (arm == nullptr) {
    return usage("the arm handle is null");
  }
  return guarded([&] {call(arm->driver);});
}

// A text-returning call: fetched guarded, then copied into the caller's buffer.
template<class F>
int with_text(th_arm * arm, char * buf, int len, F && get)
{
  std::string text;
  int rc = with_arm(arm, [&](trossen_arm::TrossenArmDriver & d) {text = get(d);});
  return rc == TH_OK ? copy_text(text, buf, len) : rc;
}

}  // namespace

extern "C" {

int th_abi_version(void)
{
  return TH_ABI_VERSION;
}

const char * th_last_error(void)
{
  return last_error.c_str();
}

int th_connect(const char * ip, int model, int end_effector, int clear_error, double timeout_s, th_arm ** out)
{
  if (out == nullptr || ip == nullptr) {
    return usage("th_connect needs an IP address and an output handle");
  }
  *out = nullptr;
  trossen_arm::Model m;
  switch (model) {
    case TH_MODEL_WXAI_V0: m = trossen_arm::Model::wxai_v0; break;
    case TH_MODEL_VXAI_V0_RIGHT: m = trossen_arm::Model::vxai_v0_right; break;
    case TH_MODEL_VXAI_V0_LEFT: m = trossen_arm::Model::vxai_v0_left; break;
    default: return usage("unknown model " + std::to_string(model));
  }
  const trossen_arm::EndEffector * ee = nullptr;
  switch (end_effector) {
    case TH_END_EFFECTOR_WXAI_V0_BASE: ee = &trossen_arm::StandardEndEffector::wxai_v0_base; break;
    case TH_END_EFFECTOR_WXAI_V0_LEADER: ee = &trossen_arm::StandardEndEffector::wxai_v0_leader; break;
    case TH_END_EFFECTOR_WXAI_V0_FOLLOWER: ee = &trossen_arm::StandardEndEffector::wxai_v0_follower; break;
    case TH_END_EFFECTOR_NO_GRIPPER: ee = &trossen_arm::StandardEndEffector::no_gripper; break;
    default: return usage("unknown end effector " + std::to_string(end_effector));
  }
  std::unique_ptr<th_arm> arm;
  int rc = guarded([&] {
    arm = std::make_unique<th_arm>();
    arm->driver.configure(m, *ee, std::string(ip), clear_error != 0, timeout_s);
    arm->num_joints = arm->driver.get_num_joints();
  });
  if (rc == TH_OK) {
    *out = arm.release();
  }
  return rc;
}

int th_disconnect(th_arm * arm)
{
  if (arm == nullptr) {
    return TH_OK;
  }
  int rc = guarded([&] {arm->driver.cleanup();});
  delete arm;
  return rc;
}

int th_num_joints(th_arm * arm, int * out)
{
  if (arm == nullptr || out == nullptr) {
    return usage("th_num_joints needs an arm and an output");
  }
  *out = arm->num_joints;
  return TH_OK;
}

int th_driver_version(th_arm * arm, char * buf, int len)
{
  return with_text(arm, buf, len, [](trossen_arm::TrossenArmDriver & d) {return d.get_driver_version();});
}

int th_controller_version(th_arm * arm, char * buf, int len)
{
  return with_text(arm, buf, len, [](trossen_arm::TrossenArmDriver & d) {return d.get_controller_version();});
}

int th_set_position_mode(th_arm * arm)
{
  return with_arm(arm, [](trossen_arm::TrossenArmDriver & d) {d.set_all_modes(trossen_arm::Mode::position);});
}

int th_torque_off(th_arm * arm)
{
  return with_arm(arm, [](trossen_arm::TrossenArmDriver & d) {d.set_all_modes(trossen_arm::Mode::idle);});
}

int th_read(th_arm * arm, double * positions, double * velocities, double * efforts, int n)
{
  int rc = check_arm(arm, n);
  if (rc != TH_OK) {
    return rc;
  }
  return guarded([&] {
    // One get_robot_output() so the three vectors come from the same controller cycle.
    const trossen_arm::RobotOutput output = arm->driver.get_robot_output();
    const auto & all = output.joint.all;
    for (int i = 0; i < n; ++i) {
      if (positions != nullptr) {positions[i] = all.positions.at(i);}
      if (velocities != nullptr) {velocities[i] = all.velocities.at(i);}
      if (efforts != nullptr) {efforts[i] = all.efforts.at(i);}
    }
  });
}

int th_set_positions(th_arm * arm, const double * goal, int n, double goal_time, int blocking)
{
  int rc = check_arm(arm, n);
  if (rc != TH_OK) {
    return rc;
  }
  if (goal == nullptr) {
    return usage("th_set_positions needs goal values");
  }
  const std::vector<double> goals(goal, goal + n);
  return guarded([&] {arm->driver.set_all_positions(goals, goal_time, blocking != 0);});
}

int th_set_gripper(th_arm * arm, double position_m, double goal_time, int blocking)
{
  return with_arm(arm, [&](trossen_arm::TrossenArmDriver & d) {d.set_gripper_position(position_m, goal_time, blocking != 0);});
}

int th_joint_limits(th_arm * arm, double * position_min, double * position_max, double * velocity_max, int n)
{
  int rc = check_arm(arm, n);
  if (rc != TH_OK) {
    return rc;
  }
  return guarded([&] {
    const std::vector<trossen_arm::JointLimit> limits = arm->driver.get_joint_limits();
    for (int i = 0; i < n; ++i) {
      const trossen_arm::JointLimit & l = limits.at(i);
      if (position_min != nullptr) {position_min[i] = l.position_min;}
      if (position_max != nullptr) {position_max[i] = l.position_max;}
      if (velocity_max != nullptr) {velocity_max[i] = l.velocity_max;}
    }
  });
}

int th_error_information(th_arm * arm, char * buf, int len)
{
  return with_text(arm, buf, len, [](trossen_arm::TrossenArmDriver & d) {return d.get_error_information();});
}

int th_clear_error(th_arm * arm)
{
  return with_arm(arm, [](trossen_arm::TrossenArmDriver & d) {d.clear_error();});
}

}  // extern "C"
