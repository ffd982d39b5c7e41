using Harness.Sim.Packages;
using Harness.Sim.Perturbations.Kinds;
using Harness.Tests.Support;

namespace Harness.Tests.Robustness;

/// <summary>scene.yaml's perturbations: section: what the so101 package declares, and every mistake refused with its key.</summary>
public class PerturbationSectionTests
{
    [Test]
    public void The_so101_package_declares_its_axes_with_their_ranges()
    {
        var axes = PerturbationFixture.Scene.Perturbations;
        Assert.That(axes.Select(a => a.Name), Is.EqualTo(new[]
        {
            "size", "colour", "texture", "mass", "friction", "light_dir", "light", "camera", "fov", "arm_pose", "push", "nudge", "push_arm", "latency", "obs_noise", "prompt",
        }));
        var size = PerturbationFixture.Axis("size");
        Assert.That((size.Kind, size.Range.Nominal, size.Range.Low, size.Range.High, size.Range.Unit), Is.EqualTo(("geom_scale", 1.0, 0.8, 1.2, "x")));
        var push = (Push)PerturbationFixture.Axis("push").Effect;
        Assert.That((push.Body, push.Trigger.LiftedBody, push.Trigger.LiftedM, push.DurationS), Is.EqualTo(("block", "block", 0.03, 0.2)));
        Assert.That(PerturbationFixture.Axis("texture").Range, Is.EqualTo(new Harness.Sim.Perturbations.PerturbationRange(0, 0, 2, "index", true)), "default range: one index per material");
        Assert.That(PerturbationFixture.Axis("latency").Describe(3), Is.EqualTo("3 steps (100 ms)"));
    }

    private static IReadOnlyList<ScenePackageProblem> Problems(string perturbations)
    {
        using var dir = new TempDir();
        var pkg = dir["pkg"];
        ScenePackageExporter.Export("so101-pick-place", pkg);
        var yaml = Path.Combine(pkg, "scene.yaml");
        var text = File.ReadAllText(yaml);
        File.WriteAllText(yaml, text[..text.IndexOf("perturbations:", StringComparison.Ordinal)] + "perturbations:\n" + perturbations);
        try { ScenePackageLoader.Load(pkg); return []; }
        catch (ScenePackageException e) { return e.Problems; }
    }

    [Test]
    public void A_valid_section_loads()
    {
        Assert.That(Problems("  - {name: big, kind: geom_scale, geoms: [block], nominal: 1, range: [1, 2]}\n"), Is.Empty);
    }

    [TestCase("  - {name: s, kind: geom_size, geoms: [block], range: [1, 2]}\n", "perturbations[0].kind", "expected one of geom_scale, body_mass")]
    [TestCase("  - {name: s, kind: geom_scale, bodies: [block], geoms: [block], range: [1, 2]}\n", "perturbations[0].bodies", "does not apply to kind geom_scale")]
    [TestCase("  - {name: s, kind: geom_scale, geoms: [blok], range: [1, 2]}\n", "perturbations[0].geoms", "no geom named or starting with 'blok'")]
    [TestCase("  - {name: s, kind: geom_scale, geoms: [block], nominal: 1, range: [1.1, 2]}\n", "perturbations[0].range", "nominal value 1 inside [low, high]")]
    [TestCase("  - {name: s, kind: body_mass, bodies: [block], range: [0, 2]}\n", "perturbations[0].range", "expected low > 0")]
    [TestCase("  - {name: s, kind: geom_scale, geoms: [bowl_bottom], range: [1, 2]}\n  - {name: s, kind: body_mass, bodies: [block], range: [1, 2]}\n", "perturbations", "used twice: s")]
    [TestCase("  - {name: 'a b', kind: action_latency, range: [0, 2]}\n", "perturbations[0].name", "letters, digits")]
    [TestCase("  - {name: l, kind: action_latency, range: [0, 2.5]}\n", "perturbations[0].range", "whole numbers")]
    [TestCase("  - {name: c, kind: camera_fov, cameras: [top_cam], range: [-5, 5]}\n", "perturbations[0].cameras[0]", "no camera named 'top_cam' in the MJCF")]
    [TestCase("  - {name: t, kind: geom_material, geoms: [block], materials: [block_marble]}\n", "perturbations[0].materials[0]", "no material named 'block_marble'")]
    [TestCase("  - {name: p, kind: push, body: block, range: [0, 1]}\n", "perturbations[0].trigger", "missing; expected {lifted_m: H}")]
    [TestCase("  - {name: p, kind: push, body: block, trigger: {steps: [40, 20]}, range: [0, 1]}\n", "perturbations[0].trigger.steps", "FIRST <= LAST")]
    [TestCase("  - {name: j, kind: joint_noise, joints: [elbow.pos], range: [0, 5]}\n", "perturbations[0].joints", "elbow.pos not among the robot's joints")]
    [TestCase("  - {name: q, kind: prompt, paraphrases: [a, b], range: [0, 3]}\n", "perturbations[0].range", "values index the paraphrases")]
    [TestCase("  - {name: g, kind: geom_scale, geoms: [floor], range: [1, 2]}\n", "perturbations[0].geoms", "geom 'floor' is not a primitive")]
    public void Mistakes_are_refused_with_their_key(string section, string key, string message)
    {
        var problems = Problems(section);
        Assert.That(problems.Select(p => p.Key), Does.Contain(key), string.Join("\n", problems));
        Assert.That(problems.Single(p => p.Key == key).Message, Does.Contain(message));
    }
}
