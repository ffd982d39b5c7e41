using System.Text.RegularExpressions;
using Harness.Sim.Scenes;
using Harness.Tests.Support;

namespace Harness.Tests.Cli;

[NonParallelizable] // redirects Console
public class ScenesCommandTests
{
    /// <summary>The output with table rules and line breaks folded, so wrapped cells read as one line.</summary>
    private static string Folded(string s) => Regex.Replace(Regex.Replace(Regex.Replace(s, "\u001b\\[[0-9;]*m", ""), "[─━│┃┼╇╈┬┴]", " "), @"\s+", " ");

    [Test]
    public void Scenes_shows_units_kinds_limits_cameras_the_action_form_and_the_task()
    {
        var (code, stdout, err) = InProcessCli.Run("scenes");
        Assert.That(code, Is.Zero, err);
        var text = Folded(stdout);
        // Joints: key, kind, unit, limits (from the published SO-101 ranges), the gripper's sense.
        Assert.That(text, Does.Contain("shoulder_pan.pos joint position deg -110 110"));
        Assert.That(text, Does.Contain("wrist_roll.pos joint position deg -157.211 162.789"));
        Assert.That(text, Does.Contain("gripper.pos gripper 0-100 0 100 open 100, closed 0"));
        Assert.That(text, Does.Contain("action representation: absolute joint positions"));
        // Cameras: kind, resolution, vertical / horizontal field of view at 480x640.
        Assert.That(text, Does.Contain("overhead_cam rgb 480x640 58 / 72.935"));
        Assert.That(text, Does.Contain("wrist_cam rgb 480x640 75 / 91.309"));
        // Features with their kinds and element units.
        Assert.That(text, Does.Contain("observation.state: Float32 [6], joint position, gripper; elements: shoulder_pan.pos (deg), shoulder_lift.pos (deg), " +
                                       "elbow_flex.pos (deg), wrist_flex.pos (deg), wrist_roll.pos (deg), gripper.pos (0-100)"));
        Assert.That(text, Does.Contain("action: Float32 [6], joint position, gripper (absolute joint positions); elements: shoulder_pan.pos (deg)"));
        Assert.That(text, Does.Contain("observation.environment_state (sim only): Float32 [10], privileged simulator state; elements: block.x"));
        Assert.That(text, Does.Contain("observation.images.front_cam: Image [480, 640, 3], rgb image (uint8 pixels)"));
        // The task: every outcome class with its definition, every metric with its unit.
        foreach (var c in SceneCatalog.Get("so101-pick-place").Schema.Classes)
            Assert.That(text, Does.Contain($"{c.Label} {c.Precedence} {c.OperatorKey?.ToString() ?? ""}".TrimEnd() + " " + Folded(c.Definition).Trim()), c.Label);
        foreach (var m in SceneCatalog.Get("so101-pick-place").Schema.Metrics)
            Assert.That(text, Does.Contain($"{m.Key} {m.Unit} "), m.Key);
        Assert.That(text, Does.Contain("max_object_height_m m "));
    }
}
