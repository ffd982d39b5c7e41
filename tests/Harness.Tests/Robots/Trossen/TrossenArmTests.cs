using System.Diagnostics;
using Harness.Robots.Trossen;
using Harness.Robots.Trossen.Native;

namespace Harness.Tests.Robots.Trossen;

[NonParallelizable] // sets HARNESS_TROSSEN_SHIM for the process
public class TrossenArmTests
{
    private const string Ip = "192.168.1.2";

    [SetUp]
    public void UseFake() => FakeTrossenShim.Use();

    [TearDown]
    public void Restore() => Environment.SetEnvironmentVariable(TrossenShimLocator.ShimVariable, null);

    private static TrossenArm Enabled(string ip = Ip)
    {
        var arm = TrossenArm.Connect(ip);
        arm.EnablePositionMode();
        return arm;
    }

    private static double[] Pose(double j1, double j2, double gripper = 0) => [0, j1, j2, 0, 0, 0, gripper];

    [Test]
    public void Trossen_without_the_shim_says_exactly_what_to_install()
    {
        var empty = Directory.CreateTempSubdirectory("no-trossen").FullName;
        var ex = Assert.Throws<TrossenUnavailableException>(() => TrossenShimLocator.Locate(null, empty));
        Assert.That(ex!.Message, Does.Contain($"no libharness_trossen.so at {Path.Combine(empty, "libharness_trossen.so")}"));
        Assert.That(ex.Message, Does.Contain("git clone https://github.com/TrossenRobotics/trossen_arm /opt/trossen_arm"));
        Assert.That(ex.Message, Does.Contain("HARNESS_TROSSEN_SDK=/opt/trossen_arm ./scripts/setup.sh"));
        Assert.That(ex.Message, Does.Contain("HARNESS_TROSSEN_SHIM"));
        Directory.Delete(empty);
    }

    [Test]
    public void Trossen_connect_through_a_missing_override_names_the_path()
    {
        Environment.SetEnvironmentVariable(TrossenShimLocator.ShimVariable, "/nonexistent/libharness_trossen.so");
        var ex = Assert.Throws<TrossenUnavailableException>(() => TrossenArm.Connect(Ip));
        Assert.That(ex!.Message, Does.Contain("HARNESS_TROSSEN_SHIM is set to '/nonexistent/libharness_trossen.so', but no file exists there"));
    }

    [Test]
    public void Trossen_connect_reads_joints_versions_and_a_clean_error_state()
    {
        using var arm = TrossenArm.Connect(Ip);
        Assert.That(arm.JointCount, Is.EqualTo(7));
        Assert.That(arm.DriverVersion, Is.EqualTo("1.11.0 (fake)"));
        Assert.That(arm.ControllerVersion, Is.EqualTo("1.11.1 (fake)"));
        Assert.That(arm.ErrorInformation, Is.EqualTo("No error"));
        var s = arm.Read();
        Assert.That(s.Positions, Is.EqualTo(new double[7]));
        Assert.That(s.Velocities, Is.EqualTo(new double[7]));
    }

    [Test]
    public void Trossen_blocking_goal_time_move_arrives_after_the_goal_time()
    {
        using var arm = Enabled();
        var goal = Pose(0.6, 0.4, 0.02);
        var sw = Stopwatch.StartNew();
        arm.SetPositions(goal, 0.5, blocking: true);
        Assert.That(sw.Elapsed.TotalSeconds, Is.GreaterThanOrEqualTo(0.5));
        Assert.That(arm.Read().Positions, Is.EqualTo(goal).Within(1e-3));
    }

    [Test]
    public void Trossen_non_blocking_quintic_move_is_half_way_at_half_time()
    {
        using var arm = Enabled();
        var sw = Stopwatch.StartNew();
        arm.SetPositions(Pose(1.0, 0), 1.0, blocking: false);
        Assert.That(sw.Elapsed.TotalSeconds, Is.LessThan(0.2), "non-blocking returns at once");
        while (sw.Elapsed.TotalSeconds < 0.5) Thread.Sleep(1);
        double before = sw.Elapsed.TotalSeconds;
        var mid = arm.Read();
        double after = sw.Elapsed.TotalSeconds;
        // Quintic with zero end velocities over 1 s: s(t) = 10t^3 - 15t^4 + 6t^5 (0.5 at t = 0.5),
        // speed 30 t^2 (1 - t)^2 (1.875 rad/s at t = 0.5); the reading lies between the two clock readings.
        static double S(double t) => t * t * t * (10 - 15 * t + 6 * t * t);
        static double V(double t) => 30 * t * t * (1 - t) * (1 - t);
        Assert.That(mid.Positions[1], Is.InRange(S(before) - 0.005, S(after) + 0.005));
        Assert.That(mid.Velocities[1], Is.InRange(Math.Min(V(before), V(after)) - 0.05, 1.875 + 0.05));
        Assert.That(mid.Efforts[1], Is.EqualTo(0.1 * mid.Velocities[1]).Within(1e-9), "the fake's viscous effort reaches C# through the third array");
    }

    [Test]
    public void Trossen_goals_beyond_the_joint_limits_are_clipped_to_them()
    {
        using var arm = Enabled();
        var limits = arm.JointLimits();
        Assert.That(limits.PositionMax[2], Is.EqualTo(2.3561945).Within(1e-7), "wxai_v0 joint 2: 0..135 degrees");
        Assert.That(limits.PositionMax[6], Is.EqualTo(0.04), "the carriage opens to 40 mm");
        Assert.That(limits.VelocityMax[3], Is.EqualTo(9.424778).Within(1e-6));
        arm.SetPositions(Pose(0.5, 3.0, 0.1), 0.5, blocking: true);
        var q = arm.Read().Positions;
        Assert.That(q[2], Is.EqualTo(2.3561945).Within(1e-6));
        Assert.That(q[6], Is.EqualTo(0.04).Within(1e-9));
        Assert.That(arm.ErrorInformation, Is.EqualTo("No error"));
    }

    [Test]
    public void Trossen_an_immediate_step_too_big_to_follow_is_a_joint_limit_error_until_cleared()
    {
        using (var arm = Enabled())
        {
            var ex = Assert.Throws<TrossenArmException>(() => arm.SetPositions(Pose(0, Math.PI / 2), 0.0, blocking: false));
            Assert.That(ex!.Kind, Is.EqualTo(TrossenErrorKind.Runtime));
            Assert.That(ex.Message, Does.Contain("set the joint positions").And.Contain("Joint limit exceeded"));
            Assert.That(arm.ErrorInformation, Is.EqualTo("Joint limit exceeded"));
            Assert.Throws<TrossenArmException>(() => arm.EnablePositionMode(), "every command is refused in the error state");
        }
        var again = Assert.Throws<TrossenArmException>(() => TrossenArm.Connect(Ip));
        Assert.That(again!.Message, Does.Contain("error state 15").And.Contain("clear_error=true"));

        using var cleared = TrossenArm.Connect(Ip, clearError: true);
        Assert.That(cleared.ErrorInformation, Is.EqualTo("No error"));
        cleared.EnablePositionMode();
        cleared.SetPositions(Pose(0.2, 0.2), 0.3, blocking: true);
        Assert.That(cleared.Read().Positions[1], Is.EqualTo(0.2).Within(1e-3));
    }

    [Test]
    public void Trossen_a_small_immediate_step_is_applied()
    {
        using var arm = Enabled();
        arm.SetPositions(Pose(0.005, 0), 0.0, blocking: true);
        Thread.Sleep(20);
        Assert.That(arm.Read().Positions[1], Is.EqualTo(0.005).Within(1e-9));
    }

    [Test]
    public void Trossen_moving_before_position_mode_is_a_mode_mismatch()
    {
        using var arm = TrossenArm.Connect(Ip);
        var ex = Assert.Throws<TrossenArmException>(() => arm.SetPositions(Pose(0.1, 0.1), 0.5, blocking: false));
        Assert.That(ex!.Message, Does.Contain("Robot input with modes different than configured modes received"));
    }

    [Test]
    public void Trossen_torque_off_brakes_a_running_move_and_stops_following_commands()
    {
        using var arm = Enabled();
        arm.SetPositions(Pose(1.0, 0), 1.0, blocking: false);
        Thread.Sleep(300);
        arm.TorqueOff();
        var held = arm.Read().Positions[1];
        Assert.That(held, Is.InRange(0.001, 0.999), "stopped part way");
        Thread.Sleep(300);
        Assert.That(arm.Read().Positions[1], Is.EqualTo(held).Within(1e-9), "braked where it was");
        Assert.That(arm.Read().Velocities[1], Is.Zero);
        Assert.Throws<TrossenArmException>(() => arm.SetPositions(Pose(0, 0), 0.5, blocking: false));
    }

    [Test]
    public void Trossen_non_finite_goals_are_an_error_state()
    {
        using var arm = Enabled();
        var ex = Assert.Throws<TrossenArmException>(() => arm.SetPositions(Pose(double.PositiveInfinity, 0), 0.5, blocking: false));
        Assert.That(ex!.Message, Does.Contain("infinite values"));
    }

    [Test]
    public void Trossen_a_controller_fault_refuses_commands_with_its_description()
    {
        using var arm = Enabled();
        FakeTrossenShim.InjectError(Ip, 10);
        Assert.That(arm.ErrorInformation, Is.EqualTo("Joint overheated"));
        var ex = Assert.Throws<TrossenArmException>(() => arm.SetGripper(0.03, 0.5, blocking: false));
        Assert.That(ex!.Message, Does.Contain("set the gripper position").And.Contain("Joint overheated"));
        arm.ClearError();
        Assert.That(arm.ErrorInformation, Is.EqualTo("No error"));
    }

    [Test]
    public void Trossen_gripper_moves_alone_while_the_arm_keeps_its_own_move()
    {
        using var arm = Enabled();
        arm.SetPositions(Pose(0.4, 0), 0.6, blocking: false);
        arm.SetGripper(0.03, 0.3, blocking: true);
        Assert.That(arm.Read().Positions[6], Is.EqualTo(0.03).Within(1e-4));
        Thread.Sleep(400);
        Assert.That(arm.Read().Positions[1], Is.EqualTo(0.4).Within(1e-3));
    }

    [Test]
    public void Trossen_controller_serves_one_driver_at_a_time_and_a_disposed_arm_frees_it()
    {
        var first = TrossenArm.Connect(Ip);
        var ex = Assert.Throws<TrossenArmException>(() => TrossenArm.Connect(Ip));
        Assert.That(ex!.Message, Does.Contain("one driver at a time"));
        first.Dispose();
        using var second = TrossenArm.Connect(Ip);
        Assert.That(second.JointCount, Is.EqualTo(7));
    }

    [Test]
    public void Trossen_an_unreachable_controller_fails_with_the_drivers_text()
    {
        var ex = Assert.Throws<TrossenArmException>(() => TrossenArm.Connect("192.0.2.7", timeoutSeconds: 2));
        Assert.That(ex!.Kind, Is.EqualTo(TrossenErrorKind.Runtime));
        Assert.That(ex.Message, Does.Contain("connect to the arm controller at 192.0.2.7").And.Contain("Failed to connect"));
    }

    [Test]
    public void Trossen_wrong_value_counts_are_refused_before_reaching_the_driver()
    {
        using var arm = Enabled();
        var ex = Assert.Throws<ArgumentException>(() => arm.SetPositions([0, 0, 0, 0, 0, 0], 0.5, false));
        Assert.That(ex!.Message, Does.Contain("7 joints (gripper last); got 6"));
    }
}
