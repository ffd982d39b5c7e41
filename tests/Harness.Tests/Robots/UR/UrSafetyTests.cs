using System.Diagnostics;
using Harness.Robots.UR;
using Harness.Robots.UR.Kinematics;
using Harness.Robots.UR.Rtde;
using Harness.Robots.UR.Safety;

namespace Harness.Tests.Robots.UR;

public class UrSafetyTests
{
    private static readonly double[] Ready = [0, -Math.PI / 2, Math.PI / 2, -Math.PI / 2, -Math.PI / 2, 0];

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());

    private static double[] Plus(double[] q, int joint, double delta) => q.Select((v, j) => j == joint ? v + delta : v).ToArray();

    [Test]
    public void Joint_speed_limit_scales_the_whole_step_keeping_its_direction()
    {
        var rule = new JointSpeedLimit(Enumerable.Repeat(1.0, 6).ToArray());
        // 0.1 rad on joint 0 and 0.05 rad on joint 1 in 0.05 s = 2 rad/s: halved.
        var target = Plus(Plus(Ready, 0, 0.1), 1, 0.05);
        var d = rule.Apply(new JointStep(Ready, target, 0.05));
        Assert.That(d.Target[0] - Ready[0], Is.EqualTo(0.05).Within(1e-12));
        Assert.That(d.Target[1] - Ready[1], Is.EqualTo(0.025).Within(1e-12));
        Assert.That(d.Change, Does.Contain("joint 0 would move at 2 rad/s, limit 1 rad/s"));
        Assert.That(rule.Apply(new JointStep(Ready, Plus(Ready, 0, 0.05), 0.05)).Change, Is.Null, "exactly at the limit passes");
    }

    [Test]
    public void Max_step_change_caps_one_step_whatever_its_duration()
    {
        var rule = new MaxStepChange(0.1);
        var d = rule.Apply(new JointStep(Ready, Plus(Ready, 3, -0.4), 10.0));
        Assert.That(d.Target[3] - Ready[3], Is.EqualTo(-0.1).Within(1e-12));
        Assert.That(d.Change, Does.Contain("joint 3 would change by 0.4 rad"));
    }

    [Test]
    public void Tool_speed_limit_shortens_the_step_to_the_allowed_distance()
    {
        var k = UrKinematics.Ur5e;
        var rule = new TcpSpeedLimit(0.25, k);
        var target = Plus(Ready, 0, 0.5); // the base turns: the flange sweeps an arc
        var d = rule.Apply(new JointStep(Ready, target, 0.1));
        var moved = Distance(k.Origin(Ready), k.Origin(d.Target));
        Assert.That(moved, Is.EqualTo(0.025).Within(1e-6), "0.25 m/s for 0.1 s");
        Assert.That(d.Change, Does.Contain("limit 0.25 m/s"));
    }

    [Test]
    public void A_target_outside_the_workspace_box_is_refused_and_the_arm_holds()
    {
        var k = UrKinematics.Ur5e;
        var here = k.Origin(Ready);
        var rule = new WorkspaceBox([-1, -1, here[2] - 0.01], [1, 1, 1], k);
        var down = Plus(Ready, 1, 0.3); // shoulder forward: the flange drops
        Assert.That(k.Origin(down)[2], Is.LessThan(here[2] - 0.01));
        var d = rule.Apply(new JointStep(Ready, down, 0.1));
        Assert.That(d.Target, Is.EqualTo(Ready));
        Assert.That(d.Change, Does.Contain("z =").And.Contain("outside the workspace"));
        Assert.That(rule.Apply(new JointStep(Ready, Ready, 0.1)).Change, Is.Null);
    }

    [Test]
    public void The_guard_applies_rules_in_order_and_lists_every_change()
    {
        var guard = new JointTargetGuard(new MaxStepChange(0.1), new JointSpeedLimit(Enumerable.Repeat(1.0, 6).ToArray()));
        var g = guard.Apply(Ready, Plus(Ready, 0, 0.5), 0.05);
        // 0.5 -> 0.1 by the step cap, then 0.1 in 0.05 s = 2 rad/s -> 0.05.
        Assert.That(g.Target[0], Is.EqualTo(0.05).Within(1e-12));
        Assert.That(g.Changes, Has.Count.EqualTo(2));
        Assert.Throws<ArgumentException>(() => guard.Apply(Ready, Plus(Ready, 2, double.NaN), 0.05));
    }

    [Test]
    public void Default_guard_limits_a_wild_policy_step()
    {
        var g = UrRobotOptions.DefaultGuard().Apply(Ready, Plus(Ready, 0, 1.0), 1.0 / 30);
        Assert.That(g.Target[0], Is.LessThanOrEqualTo(1.5 / 30 + 1e-12), "1.5 rad/s at 30 Hz");
        Assert.That(g.Changed, Is.True);
    }

    private static UrRobotState State(UrSafetyMode safety = UrSafetyMode.Normal, double fraction = 1, long? receivedAt = null) =>
        new(0, Ready, new double[6], Ready, new double[6], new double[6], UrRobotMode.Running, safety, UrRuntimeState.Playing,
            1, 1, fraction, fraction, [1, 0, 1], receivedAt ?? Stopwatch.GetTimestamp());

    [Test]
    public void The_monitor_stops_on_protective_stop_emergency_stop_and_a_stale_stream()
    {
        var m = new UrStateMonitor(TimeSpan.FromMilliseconds(100), "test arm");
        m.Check(State());
        Assert.Throws<UrProtectiveStopException>(() => m.Check(State(UrSafetyMode.ProtectiveStop)));
        Assert.Throws<UrEmergencyStopException>(() => m.Check(State(UrSafetyMode.SystemEmergencyStop)));
        var safeguard = Assert.Throws<UrSafetyStopException>(() => m.Check(State(UrSafetyMode.SafeguardStop)));
        Assert.That(safeguard!.Message, Does.Contain("SAFEGUARD_STOP"));
        var old = Stopwatch.GetTimestamp() - Stopwatch.Frequency / 2;
        var ex = Assert.Throws<RtdeException>(() => m.Check(State(receivedAt: old)));
        Assert.That(ex!.Message, Does.Contain("ms old (limit 100 ms)"));
    }

    [Test]
    public void The_monitor_warns_once_per_speed_slider_value_below_100_percent()
    {
        var m = new UrStateMonitor(TimeSpan.FromSeconds(1), "test arm");
        var w = new List<string>();
        m.Warning += w.Add;
        m.Check(State(fraction: 0.3));
        m.Check(State(fraction: 0.3));
        m.Check(State(fraction: 0.6));
        m.Check(State(fraction: 1));
        m.Check(State(fraction: 0.3));
        Assert.That(w, Has.Count.EqualTo(3));
        Assert.That(w[0], Does.Contain("30 %"));
    }
}
