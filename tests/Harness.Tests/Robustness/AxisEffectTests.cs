using Harness.Core.Episodes;
using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Perturbations;
using Harness.Sim.Rendering;
using Harness.Tests.Rendering;
using static Harness.Tests.Robustness.PerturbationFixture;

namespace Harness.Tests.Robustness;

/// <summary>
/// Each axis of the so101 package measured in the simulator: what a level changes physically or in
/// the pixels, with expectations derived by hand from the scene's numbers (30 g block, 2.5 cm edge,
/// overhead camera fovy 58 deg, ...).
/// </summary>
public class AxisEffectTests
{
    private const double G = 9.81;

    [Test]
    public void Mass_changes_the_weight_the_block_presses_on_the_table_with()
    {
        foreach (var (edge, grams) in new[] { (3.0, 90.0), (0.5, 15.0) })
        {
            using var env = Env("mass", level: 3);
            int seed = SeedHeadingTo("mass", edge);
            env.Step(Hold(env.Reset(seed)));
            var m = env.Inner.Model;
            double n = NormalForce(env.Inner.Data, m.RequireId(MjObject.Geom, "block"), m.RequireId(MjObject.Geom, "table"));
            Assert.That(env.Applied.Value, Is.EqualTo(edge));
            Assert.That(n, Is.EqualTo(grams / 1000 * G).Within(0.02 * grams / 1000 * G), $"x{edge}: {grams} g");
        }
    }

    [Test]
    public void Size_changes_the_block_and_the_height_it_rests_at()
    {
        foreach (var (edge, half) in new[] { (1.2, 0.015), (0.8, 0.010) })
        {
            using var env = Env("size", level: 3);
            // The official arm's home pose holds the jaws low over the front of the layout: take the first seed
            // heading for this edge whose block starts clear of the tool site (6 cm in the plane) and of the bowl,
            // so the block rests on the table alone.
            var first = Observation(env, edge);
            int block = env.Inner.Model.RequireId(MjObject.Geom, "block");
            Assert.That(env.Inner.Model.GeomSize(block).ToArray(), Is.EqualTo(new[] { half, half, half }).Within(1e-12));
            // Seated, not dropped or pushed out of the table: at rest on its bottom face after the settle.
            double z = first.Vector(FeatureNames.EnvironmentState)[2];
            Assert.That(z, Is.EqualTo(half).Within(0.0006), $"x{edge}: centre at half the edge above the table");
            for (int i = 0; i < 10; i++) env.Step(Hold(first));
            Assert.That(env.Inner.Data.BodyPos(env.Inner.Model.RequireId(MjObject.Body, "block"))[2], Is.EqualTo(z).Within(0.0005), "and it stays there (the x1.2 block still settles by a quarter millimetre)");
        }

        static Observation Observation(PerturbedEnv env, double edge)
        {
            int tcp = env.Inner.Model.RequireId(MjObject.Site, "tcp");
            foreach (int seed in SeedsHeadingTo("size", edge))
            {
                var obs = env.Reset(seed);
                var b = obs.Vector(FeatureNames.EnvironmentState);
                var t = env.Inner.Data.SitePos(tcp);
                // Clear of the bowl's wall too (centre (0.14, 0.16), outer radius 6.2 cm).
                if (Math.Sqrt((b[0] - t[0]) * (b[0] - t[0]) + (b[1] - t[1]) * (b[1] - t[1])) > 0.06 &&
                    Math.Sqrt((b[0] - 0.14) * (b[0] - 0.14) + (b[1] - 0.16) * (b[1] - 0.16)) > 0.1) return obs;
            }
            throw new InvalidOperationException($"no seed heads for x{edge} with the block clear of the tool");
        }
    }

    [Test]
    public void A_resized_free_body_is_seated_before_the_settle_not_pushed_out_by_it()
    {
        // The layout places the block's centre at z = 0.013 (0.5 mm above the table for the nominal 12.5 mm half edge);
        // at x1.3 the half edge is 16.25 mm, so the block must start 3.75 mm higher to keep that 0.5 mm gap.
        var axis = Axis("size");
        using var env = new MujocoEnv(Scene);
        var bound = axis.Effect.Bind(env, axis.Range);
        bound.Begin(1.3, PerturbationSeeds.For(1, "size"));
        double z = double.NaN;
        env.Reset(1, d => { bound.BeforeSettle(d); d.Kinematics(); z = d.BodyPos(env.Model.RequireId(MjObject.Body, "block"))[2]; });
        Assert.That(z, Is.EqualTo(0.013 + 0.00375).Within(1e-12));
    }

    [Test]
    public void Friction_decides_whether_a_sideways_force_slides_the_block()
    {
        // MuJoCo uses the larger friction of the two geoms; with the table made slippery (0.1) the block's own
        // coefficient decides: 1.2 s against 0.03 kg * g = 0.294 N. 0.25 N (below the 0.294 N that would tip a
        // cube pushed at its centre) holds at nominal (0.353 N of friction) and slides at x0.4 (0.141 N).
        double Slide(int level)
        {
            using var env = Env("friction", level);
            var obs = env.Reset(11);
            var m = env.Inner.Model;
            m.EditGeomFriction(m.RequireId(MjObject.Geom, "table"))[0] = 0.1;
            int body = m.RequireId(MjObject.Body, "block");
            double x0 = env.Inner.Data.BodyPos(body)[0];
            env.Inner.Data.XfrcApplied[6 * body] = 0.25;
            for (int i = 0; i < 15; i++) env.Step(Hold(obs));
            return env.Inner.Data.BodyPos(body)[0] - x0;
        }
        Assert.That(Slide(0), Is.LessThan(0.002), "nominal: static friction holds");
        Assert.That(Slide(2), Is.GreaterThan(0.02), "x0.4: it slides");
        using var jaws = Env("friction", 2);
        jaws.Reset(11);
        Assert.That(jaws.Inner.Model.EditGeomFriction(jaws.Inner.Model.RequireId(MjObject.Geom, "fixed_jaw_pad"))[0], Is.EqualTo(1.5 * 0.4).Within(1e-12),
            "the jaw pads are scaled too (prefix fixed_jaw)");
    }

    [Test]
    public void Field_of_view_changes_the_projection_by_the_ratio_of_tangents()
    {
        using var nominal = Env("fov", level: 0, options: new MujocoEnvOptions(240, 320, CameraRenderer.Factory(GlBackend.OsMesa)));
        using var wide = Env("fov", level: 3, options: new MujocoEnvOptions(240, 320, CameraRenderer.Factory(GlBackend.OsMesa)));
        int seed = SeedHeadingTo("fov", 10);
        nominal.Reset(seed);
        wide.Reset(seed);
        Assert.That(wide.Applied.Value, Is.EqualTo(10));
        // The front camera (fovy 50 deg) sees the block well off its image centre; the overhead one looks straight at it.
        var a = RenderTestScene.Blob(nominal.Inner.Render("front_cam"), RenderTestScene.IsRed);
        var b = RenderTestScene.Blob(wide.Inner.Render("front_cam"), RenderTestScene.IsRed);
        Assert.That(a.Count, Is.GreaterThan(20));
        // A pinhole camera's pixel offset from the image centre is f x / z with f ~ 1 / tan(fovy / 2): 50 -> 60 deg scales it by tan 25 / tan 30.
        double expected = Math.Tan(25 * Math.PI / 180) / Math.Tan(30 * Math.PI / 180);
        double ra = Math.Sqrt(Math.Pow(a.Col - 159.5, 2) + Math.Pow(a.Row - 119.5, 2)), rb = Math.Sqrt(Math.Pow(b.Col - 159.5, 2) + Math.Pow(b.Row - 119.5, 2));
        Assert.That(ra, Is.GreaterThan(20), "the block is off the image centre, so the scale shows");
        Assert.That(rb / ra, Is.EqualTo(expected).Within(0.03));
        Assert.That(b.Count, Is.LessThan(a.Count), "and it looks smaller");
    }

    [Test]
    public void Camera_pose_moves_the_cameras_by_the_level_and_records_how()
    {
        using var env = Env("camera", level: 3);
        env.Reset(5);
        var m = env.Inner.Model;
        int cam = m.RequireId(MjObject.Camera, "overhead_cam");
        var p = env.Inner.Data.CameraPos(cam);
        var d = env.Applied.Details;
        // overhead_cam sits at (0.56, 0.03, 0.42) in scene.xml.
        double[] shift = [p[0] - 0.56, p[1] - 0.03, p[2] - 0.42];
        Assert.That(new[] { d["overhead_cam.dx_m"], d["overhead_cam.dy_m"], d["overhead_cam.dz_m"] }, Is.EqualTo(shift).Within(1e-9), "recorded = measured");
        Assert.That(Math.Sqrt(shift.Sum(x => x * x)), Is.EqualTo(0.04).Within(1e-9), "4 cm at the edge of the range");
        Assert.That(d["overhead_cam.tilt_deg"], Is.EqualTo(4).Within(1e-9));
        var q = m.EditCameraQuat(cam);
        Assert.That(Math.Sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]), Is.EqualTo(1).Within(1e-9));
    }

    [Test]
    public void Latency_applies_each_action_k_steps_late_and_holds_the_start_pose_before()
    {
        using var env = Env("latency", level: 1);   // [0, 6] steps, 4 levels: 2 steps
        using var expert = Scene.CreateExpert();
        var record = new EpisodeRunner(env, expert).Run(0, 21, maxSteps: 60);
        var start = env.Spec.ClampAction(record.Steps[0].State);
        Assert.That(record.Steps[0].AppliedAction, Is.EqualTo(start));
        Assert.That(record.Steps[1].AppliedAction, Is.EqualTo(start));
        for (int t = 2; t < record.Steps.Count; t++)
            Assert.That(record.Steps[t].AppliedAction, Is.EqualTo(env.Spec.ClampAction(record.Steps[t - 2].CommandedAction)), $"step {t}");
    }

    [Test]
    public void A_nudge_moves_the_block_once_and_the_force_goes_away()
    {
        int seed = 4;
        double[] Final(int level, out double? step)
        {
            using var env = Env("nudge", level);
            var obs = env.Reset(seed);
            int body = env.Inner.Model.RequireId(MjObject.Body, "block");
            for (int i = 0; i < 45; i++) env.Step(Hold(obs));
            Assert.That(env.Inner.Data.XfrcApplied.Slice(6 * body, 6).ToArray(), Is.All.EqualTo(0), "the push is over");
            step = env.Applied.Details["step"];
            return env.Inner.Data.BodyPos(body).ToArray();
        }
        var still = Final(0, out var none);
        var moved = Final(3, out var step);
        Assert.That(none, Is.Null, "nominal: no push");
        Assert.That(step, Is.InRange(15, 35), "within the declared window");
        double d = Math.Sqrt(Math.Pow(moved[0] - still[0], 2) + Math.Pow(moved[1] - still[1], 2));
        // 1.2 N for one 33 ms step against 1.2 * 0.294 N of friction: about 0.85 N * 0.033 s / 0.03 kg = 0.9 m/s, sliding ~3 cm.
        Assert.That(d, Is.InRange(0.01, 0.08));
    }

    [Test]
    public void The_transport_push_starts_once_the_block_is_lifted_3_cm()
    {
        using var env = Env("push", level: 1);
        using var expert = Scene.CreateExpert();
        var obs = env.Reset(8);
        int body = env.Inner.Model.RequireId(MjObject.Body, "block");
        double z0 = env.Inner.Data.BodyPos(body)[2];
        var heights = new List<double>();
        expert.Reset();
        while (env.Applied.Details["step"] is null && heights.Count < 200)
            foreach (var a in expert.Infer(obs, env.TaskText).Actions)
            {
                obs = env.Step(a).Observation;
                heights.Add(env.Inner.Data.BodyPos(body)[2] - z0);
                if (env.Applied.Details["step"] is not null) break;
            }
        int s = (int)env.Applied.Details["step"]!.Value;
        Assert.That(heights[s - 1], Is.GreaterThanOrEqualTo(0.03), "the trigger saw 3 cm after the step before");
        Assert.That(heights[s - 2], Is.LessThan(0.03), "and not earlier");
        Assert.That(env.Inner.Data.XfrcApplied[6 * body + 0] * env.Inner.Data.XfrcApplied[6 * body + 0] + env.Inner.Data.XfrcApplied[6 * body + 1] * env.Inner.Data.XfrcApplied[6 * body + 1],
            Is.EqualTo(10.0 / 3 * (10.0 / 3)).Within(1e-9), "3.33 N horizontal while it acts");
    }

    [Test]
    public void Arm_pose_noise_starts_the_arm_off_home_by_the_recorded_offsets()
    {
        using var env = Env("arm_pose", level: 3);   // up to 20 deg per joint
        var first = env.Reset(6);
        double[] home = [0, -10, 30, 60, 0, 40];
        var keys = env.Spec.Joints.Select(j => j.Key).ToList();
        foreach (var (key, offset) in env.Applied.Details)
        {
            Assert.That(Math.Abs(offset!.Value), Is.LessThanOrEqualTo(20));
            Assert.That(first.State[keys.IndexOf(key)] - home[keys.IndexOf(key)], Is.EqualTo(offset.Value).Within(0.6), key);
        }
        Assert.That(env.Applied.Details.Keys, Is.EqualTo(new[] { "shoulder_pan.pos", "shoulder_lift.pos", "elbow_flex.pos", "wrist_flex.pos", "wrist_roll.pos" }),
            "every joint but the gripper by default");
        Assert.That(env.Applied.Details.Values.Max(v => Math.Abs(v!.Value)), Is.GreaterThan(5));
        Assert.That(first.State[5], Is.EqualTo(40).Within(0.6), "the gripper stays at home");
    }

    [Test]
    public void Observation_noise_has_the_level_as_its_standard_deviation_and_leaves_the_simulation_alone()
    {
        using var env = Env("obs_noise", level: 3);   // 3 deg
        var obs = env.Reset(9);
        var truth = new double[6];
        var errors = new List<double>();
        for (int i = 0; i < 100; i++)
        {
            env.Inner.Parts.Joints.ReadState(env.Inner.Data, truth);
            errors.AddRange(obs.State.Zip(truth, (a, b) => a - b));
            obs = env.Step(new double[] { 0, -10, 30, 60, 0, 40 }).Observation;
        }
        double mean = errors.Average(), sd = Math.Sqrt(errors.Sum(e => (e - mean) * (e - mean)) / (errors.Count - 1));
        Assert.That(sd, Is.EqualTo(3).Within(0.3), "600 draws: the sample std is within 3.5 standard errors of 3");
        Assert.That(mean, Is.EqualTo(0).Within(0.4));
    }

    [Test]
    public void Prompt_paraphrases_reach_the_policy()
    {
        using var env = Env("prompt", level: 3);
        var policy = new TextRecorder();
        new EpisodeRunner(env, policy).Run(0, 2, maxSteps: 3);
        Assert.That(policy.Seen.Distinct(), Is.EqualTo(new[] { "Grab the small box and drop it into the container" }));
        using var nominal = Env("prompt", level: 0);
        Assert.That(nominal.TaskText, Is.EqualTo("Pick up the block and place it in the bowl"));
    }

    [Test]
    public void Colour_turns_the_hue_and_texture_swaps_the_material()
    {
        using var colour = Env("colour", level: 3);   // 180 deg
        colour.Reset(1);
        var rgba = colour.Inner.Model.EditGeomRgba(colour.Inner.Model.RequireId(MjObject.Geom, "block")).ToArray();
        // Material red (0.9, 0.12, 0.1): hue 1.5 deg -> 181.5 deg, same saturation and value: (0.1, 0.88, 0.9).
        Assert.That(rgba, Is.EqualTo(new[] { 0.1f, 0.88f, 0.9f, 1f }).Within(1e-5));

        using var texture = Env("texture", level: 3);
        texture.Reset(1);
        var m = texture.Inner.Model;
        Assert.That(m.EditGeomMaterial(m.RequireId(MjObject.Geom, "block")), Is.EqualTo(m.RequireId(MjObject.Material, "block_wood")));
        Assert.That(texture.Applied.Text, Is.EqualTo("material block_wood"));
    }

    [Test]
    public void Light_intensity_and_direction_change_the_lights_by_the_level()
    {
        using var dim = Env("light", level: 3);
        dim.Reset(SeedHeadingTo("light", 0.3));
        var m = dim.Inner.Model;
        Assert.That(m.EditLightDiffuse(m.RequireId(MjObject.Light, "key")).ToArray(), Is.EqualTo(new[] { 0.165f, 0.165f, 0.165f }).Within(1e-6));
        Assert.That(m.EditLightDiffuse(m.RequireId(MjObject.Light, "fill")).ToArray(), Is.EqualTo(new[] { 0.09f, 0.09f, 0.09f }).Within(1e-6));

        using var turned = Env("light_dir", level: 3);   // 40 deg
        turned.Reset(1);
        var d = turned.Inner.Model.EditLightDir(turned.Inner.Model.RequireId(MjObject.Light, "key")).ToArray();
        double[] nominal = [-0.2 / Math.Sqrt(1.2), 0.4 / Math.Sqrt(1.2), -1 / Math.Sqrt(1.2)];
        Assert.That(Math.Acos(d.Zip(nominal, (a, b) => a * b).Sum()) * 180 / Math.PI, Is.EqualTo(40).Within(1e-6));
    }

    [Test]
    public void Dimmer_light_renders_a_darker_image()
    {
        var options = new MujocoEnvOptions(120, 160, CameraRenderer.Factory(GlBackend.OsMesa));
        using var nominal = Env("light", level: 0, options: options);
        using var dim = Env("light", level: 3, options: options);
        int seed = SeedHeadingTo("light", 0.3);
        nominal.Reset(seed);
        dim.Reset(seed);
        double Mean(CameraImage img) => img.Pixels.Average(p => (double)p);
        Assert.That(Mean(dim.Inner.Render("overhead_cam")), Is.LessThan(0.85 * Mean(nominal.Inner.Render("overhead_cam"))));
    }

    private sealed class TextRecorder : IPolicy
    {
        public List<string> Seen { get; } = [];
        public string Name => "text-recorder";
        public PolicyInputs Inputs => new([FeatureNames.State]);
        public ExecutionHint Hint => ExecutionHint.Default;
        public void Reset() { }
        public ActionChunk Infer(Observation observation, string task)
        {
            Seen.Add(task);
            return new ActionChunk([observation.State]);
        }
        public void Dispose() { }
    }
}
