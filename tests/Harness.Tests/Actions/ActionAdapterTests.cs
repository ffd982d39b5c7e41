using Harness.Core.Actions;
using Harness.Core.Episodes;
using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Eval.Runs;
using Harness.Tests.Support;

namespace Harness.Tests.Actions;

/// <summary>The action adapter on the fake arm (one joint in degrees, a 0-100 gripper open at 100): representations and units.</summary>
public class ActionAdapterTests
{
    /// <summary>Returns a fixed chunk and remembers the state it was given.</summary>
    private sealed class ChunkPolicy(params double[][] rows) : IPolicy
    {
        public double[]? SeenState { get; private set; }
        public RobotSpec? CheckedWith { get; private set; }
        public string Name => "test:chunk";
        public PolicyInputs Inputs => PolicyInputs.StateOnly;
        public ExecutionHint Hint => ExecutionHint.Default;
        public void Reset() { }
        public void Check(RobotSpec spec) => CheckedWith = spec;
        public ActionChunk Infer(Observation observation, string task)
        {
            SeenState = observation.State;
            return new ActionChunk(rows.Select(r => (double[])r.Clone()).ToArray());
        }
        public void Dispose() { }
    }

    private static readonly RobotSpec Robot = new FakeRobotEnv().Spec;

    private static Observation At(double arm, double gripper) =>
        new(0, 0, new Dictionary<string, double[]> { [FeatureNames.State] = [arm, gripper] }, new Dictionary<string, CameraImage>());

    private static double[][] Decode(string space, double[][] rows, IReadOnlyDictionary<string, UnitDeclaration>? units = null, double arm = 10, double gripper = 50)
    {
        using var p = ActionAdapter.Wrap(new ChunkPolicy(rows), Robot, ActionSpaces.Parse(space), units);
        return p.Infer(At(arm, gripper), "").Actions.ToArray();
    }

    [Test]
    public void Absolute_joints_in_robot_units_are_not_wrapped()
    {
        var inner = new ChunkPolicy([1, 2]);
        Assert.That(ActionAdapter.Wrap(inner, Robot, ActionSpaces.Parse("joints")), Is.SameAs(inner));
    }

    [Test]
    public void Delta_is_relative_to_the_state_at_the_query_and_leaves_the_gripper_absolute()
    {
        Assert.That(Decode("delta", [[1, 20], [2, 30]]), Is.EqualTo(new[] { new[] { 11.0, 20 }, new[] { 12.0, 30 } }));
        Assert.That(Decode("delta:all", [[1, 20], [2, 30]]), Is.EqualTo(new[] { new[] { 11.0, 70 }, new[] { 12.0, 80 } }));
    }

    [Test]
    public void Step_delta_is_relative_to_the_previous_action_the_first_to_the_state()
    {
        Assert.That(Decode("step-delta", [[1, 20], [2, 30], [-4, 40]]), Is.EqualTo(new[] { new[] { 11.0, 20 }, new[] { 13.0, 30 }, new[] { 9.0, 40 } }));
        Assert.That(Decode("step-delta:all", [[1, 5], [2, 5]]), Is.EqualTo(new[] { new[] { 11.0, 55 }, new[] { 13.0, 60 } }));
    }

    [Test]
    public void Units_rescale_the_state_to_the_policy_and_its_actions_back()
    {
        var units = new Dictionary<string, UnitDeclaration> { ["gripper.pos"] = UnitDeclaration.Parse("0-1"), ["arm.pos"] = UnitDeclaration.Parse("rad") };
        var inner = new ChunkPolicy([Math.PI / 4, 0.8]);
        using var p = ActionAdapter.Wrap(inner, Robot, ActionRepresentation.AbsoluteJoints, units);
        var chunk = p.Infer(At(90, 50), "");
        Assert.That(inner.SeenState, Is.EqualTo(new[] { Math.PI / 2, 0.5 }).Within(1e-12));
        Assert.That(chunk[0], Is.EqualTo(new[] { 45.0, 80 }).Within(1e-9));
        // The policy is checked against the spec in its own units.
        p.Check(Robot);
        Assert.That(inner.CheckedWith!.Feature(FeatureNames.Action)!.Units, Is.EqualTo(new[] { "rad", "0-1" }));
    }

    [Test]
    public void A_delta_in_other_units_is_scaled_never_shifted()
    {
        // 0.1 rad = 5.7296 deg; a 0-255 gripper, open at 0 (inverted against the robot's 0-100 open at 100), stays absolute.
        var units = new Dictionary<string, UnitDeclaration> { ["arm.pos"] = UnitDeclaration.Parse("rad"), ["gripper.pos"] = UnitDeclaration.Parse("0-255,open=0") };
        var rows = Decode("delta", [[0.1, 51]], units);
        Assert.That(rows[0], Is.EqualTo(new[] { 15.729578, 80 }).Within(1e-5));
    }

    [Test]
    public void Unit_conversions_cover_the_common_rescalings()
    {
        var open100 = new GripperSense(Open: 100, Closed: 0);
        Assert.That(UnitConversion.Between("g", Units.Percent, open100, UnitDeclaration.Parse("0-1")).ToPolicy(50), Is.EqualTo(0.5));
        var inverted = UnitConversion.Between("g", Units.Percent, open100, UnitDeclaration.Parse("0-1,open=0"));
        Assert.That(new[] { inverted.ToPolicy(100), inverted.ToPolicy(0), inverted.ToRobot(0.25) }, Is.EqualTo(new[] { 0.0, 1, 75 }));
        // A Robotiq-like robot (0-255, open at 0) and a policy trained with 0-100 open at 100.
        var robotiq = UnitConversion.Between("g", Units.Byte, new GripperSense(Open: 0, Closed: 255), UnitDeclaration.Parse("0-100,open=100"));
        Assert.That(robotiq.ToPolicy(51), Is.EqualTo(80).Within(1e-12));
        Assert.That(UnitConversion.Between("j", Units.Degrees, null, UnitDeclaration.Parse("rad")).ToPolicy(90), Is.EqualTo(1.5707963267948966).Within(1e-15));
        // Older Trossen recordings: the carriage gripper in metres x 10000.
        Assert.That(UnitConversion.Between("g", Units.Metres, null, UnitDeclaration.Parse("m,scale=10000")).ToPolicy(0.044), Is.EqualTo(440).Within(1e-9));
        Assert.That(() => UnitConversion.Between("j", Units.Degrees, null, UnitDeclaration.Parse("0-1")),
            Throws.ArgumentException.With.Message.Contains("cannot convert the robot's unit deg to the policy's 0-1"));
        Assert.That(() => UnitDeclaration.Parse("0-1,opne=1"), Throws.ArgumentException.With.Message.Contains("expected open or scale"));
    }

    [Test]
    public void Wrong_dimensions_unknown_elements_and_spaces_are_refused_with_what_was_expected()
    {
        using var p = ActionAdapter.Wrap(new ChunkPolicy([1, 2, 3]), Robot, ActionSpaces.Parse("delta"));
        Assert.That(() => p.Infer(At(0, 0), ""), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("expects 2 (arm.pos, gripper.pos)"));
        Assert.That(() => ActionAdapter.Wrap(new ChunkPolicy([1, 2]), Robot, ActionRepresentation.AbsoluteJoints,
                new Dictionary<string, UnitDeclaration> { ["wrist.pos"] = UnitDeclaration.Parse("rad") }),
            Throws.ArgumentException.With.Message.Contains("unknown element(s) wrist.pos"));
        Assert.That(() => ActionSpaces.Parse("cartesian"), Throws.ArgumentException.With.Message.Contains("joints, delta, delta:all, step-delta"));
        Assert.That(() => ActionAdapter.Wrap(new ChunkPolicy([1, 2]), Robot, ActionSpaces.Parse("ee:rpy")),
            Throws.ArgumentException.With.Message.Contains("declare robot.end_effector"));
        Assert.That(ActionSpaces.NameOf(ActionSpaces.Parse("ee:axis-angle")), Is.EqualTo("ee:rotvec"));
    }

    [Test]
    public void Observer_metrics_join_the_run_schema_and_fill_their_columns()
    {
        var schema = FakeRobotEnv.ReachSchema.WithMetrics(IkMetricsObserver.Specs);
        Assert.That(schema.Metrics.Select(m => m.Key).TakeLast(2), Is.EqualTo(new[] { "ik_position_error_mm_p95", "ik_orientation_error_deg_p95" }));
        var record = new EpisodeRecord(0, 7, [], [], new TaskOutcome("SUCCESS", new Dictionary<string, double> { ["final_error_deg"] = 0.5 }), 0.1, null);
        var row = EpisodeRows.From(record, schema, new Dictionary<string, double?> { ["ik_failure_rate"] = 0.25, ["whisker_x"] = 1.5 });
        Assert.That(row.Metric("ik_failure_rate"), Is.EqualTo(0.25));
        Assert.That(row.Metric("final_error_deg"), Is.EqualTo(0.5));
        Assert.That(row.Extra.Keys, Is.EqualTo(new[] { "whisker_x" }));
    }
}
