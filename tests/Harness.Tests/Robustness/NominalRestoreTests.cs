using Harness.Core.Episodes;
using Harness.Sim.Env;
using Harness.Sim.Native;
using static Harness.Tests.Robustness.PerturbationFixture;

namespace Harness.Tests.Robustness;

/// <summary>
/// Every episode starts from the nominal model: a perturbation never accumulates, an episode's
/// result does not depend on what ran before it in the same worker, and nominal-valued episodes
/// are exactly the bare environment's.
/// </summary>
public class NominalRestoreTests
{
    [Test]
    public void Each_episode_applies_its_own_value_to_the_nominal_model()
    {
        using var env = Env("size", level: 3);
        int low = SeedHeadingTo("size", 0.8), high = SeedHeadingTo("size", 1.2);
        var m = env.Inner.Model;
        int block = m.RequireId(MjObject.Geom, "block");
        env.Reset(low);
        Assert.That(m.GeomSize(block)[0], Is.EqualTo(0.010).Within(1e-15));
        env.Reset(high);
        Assert.That(m.GeomSize(block)[0], Is.EqualTo(0.015).Within(1e-15), "x1.2 of nominal, not of the previous episode's x0.8");
        env.Reset(high);
        Assert.That(m.GeomSize(block)[0], Is.EqualTo(0.015).Within(1e-15), "the same seed twice: the same value, not x1.44");

        using var mass = Env("mass", level: 3);
        int body = mass.Inner.Model.RequireId(MjObject.Body, "block");
        foreach (var (edge, kg) in new[] { (3.0, 0.09), (0.5, 0.015), (3.0, 0.09) })
        {
            mass.Reset(SeedHeadingTo("mass", edge));
            Assert.That(mass.Inner.Model.BodyMass(body), Is.EqualTo(kg).Within(1e-15));
            Assert.That(mass.Inner.Model.BodySubtreeMass(body), Is.EqualTo(kg).Within(1e-15), "derived fields follow");
        }
    }

    [Test]
    public void An_episode_does_not_depend_on_the_episodes_run_before_it()
    {
        foreach (var axis in new[] { "size", "mass", "friction", "push", "latency", "arm_pose" })
        {
            int seed = SeedHeadingTo(axis, Axis(axis).Range.Edges[^1]);
            var alone = Run(axis, [seed]);
            var after = Run(axis, [SeedHeadingTo(axis, Axis(axis).Range.Edges[0]), 77, seed]);
            Assert.That(after.Steps.Select(s => s.AppliedAction), Is.EqualTo(alone.Steps.Select(s => s.AppliedAction)), axis);
            Assert.That(after.Outcome, Is.EqualTo(alone.Outcome).Using<Harness.Core.Tasks.TaskOutcome>((a, b) => a.Label == b.Label && a.Metrics.SequenceEqual(b.Metrics)), axis);
        }

        static EpisodeRecord Run(string axis, int[] seeds)
        {
            using var env = Env(axis, level: 2);
            using var expert = Scene.CreateExpert();
            var runner = new EpisodeRunner(env, expert);
            EpisodeRecord last = null!;
            foreach (var s in seeds) last = runner.Run(0, s, maxSteps: 120);
            return last;
        }
    }

    [Test]
    public void Nominal_valued_episodes_are_the_bare_environments_bit_for_bit()
    {
        using var bare = new MujocoEnv(Scene);
        using var wrapped = Env("mass", level: 0);
        using var e1 = Scene.CreateExpert();
        using var e2 = Scene.CreateExpert();
        // The wrapped worker first runs a perturbed-looking reset of another seed: level 0 never edits anything.
        wrapped.Reset(5);
        var a = new EpisodeRunner(bare, e1).Run(0, 13, maxSteps: 150);
        var b = new EpisodeRunner(wrapped, e2).Run(0, 13, maxSteps: 150);
        Assert.That(b.Steps.Select(s => s.State), Is.EqualTo(a.Steps.Select(s => s.State)));
        Assert.That(b.Outcome.Label, Is.EqualTo(a.Outcome.Label));
        Assert.That(wrapped.Applied.Value, Is.EqualTo(1));
    }
}
