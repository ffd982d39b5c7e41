namespace Harness.Robots.Virtual.UR;

/// <summary>
/// One servoj call as the controller hands it to the arm: the joint target, the time to reach it,
/// lookahead and gain. The controller passes the same instance every cycle until the next call, so a
/// plant tells calls apart by reference. moveJ and stopj reach the plant as servo targets too (one per
/// cycle, with <see cref="Time"/> = one cycle).
/// </summary>
public sealed record ServoTarget(double[] Q, double Time, double Lookahead, double Gain);

/// <summary>Joint positions (rad) and velocities (rad/s) after a cycle.</summary>
public sealed record UrPlantState(double[] Q, double[] Qd);

/// <summary>
/// The arm behind the virtual controller. Each 2 ms cycle the controller calls <see cref="Step"/>
/// with the servo target in force (null: hold still, brakes or standstill) and reads the new state.
/// The MuJoCo UR5e plant implements this from the simulator side.
/// </summary>
public interface IUrArmPlant
{
    UrPlantState State { get; }

    UrPlantState Step(ServoTarget? target, double dt);
}
