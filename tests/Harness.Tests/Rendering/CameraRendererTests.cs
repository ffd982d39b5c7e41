using Harness.Media.Images;
using Harness.Media.Video;
using Harness.Sim.Native;
using Harness.Sim.Rendering;
using static Harness.Tests.Rendering.RenderTestScene;

namespace Harness.Tests.Rendering;

public class CameraRendererTests
{
    [Test]
    public void Overhead_camera_shows_the_red_block_where_the_camera_model_projects_it()
    {
        using var env = CreateEnv();
        env.Reset(0);
        var block = BodyPosition(env, "block");
        var expected = Project(env, "overhead_cam", block);
        var image = env.Render("overhead_cam");

        var blob = Blob(image, IsRed);
        Assert.That(blob.Count, Is.GreaterThan(20), "red block pixels in overhead_cam");
        Assert.That(CountIn(image, expected.Col, expected.Row, 3, IsRed), Is.GreaterThan(10), $"red pixels around the projected block {expected}");
        Assert.That(Math.Abs(blob.Col - expected.Col), Is.LessThan(6));
        Assert.That(Math.Abs(blob.Row - expected.Row), Is.LessThan(6));
    }

    [Test]
    public void The_block_is_seen_by_the_overhead_or_the_wrist_camera_and_the_bowl_from_overhead_in_every_start_layout()
    {
        // At home the official gripper hangs just above the layout region: from overhead it hides
        // the block in some layouts (seed 4 here), and the wrist camera, looking along the
        // fingers, sees those; it misses others (seed 3), which overhead sees.
        using var env = CreateEnv(120, 160);
        int seenOverhead = 0;
        for (int seed = 0; seed < 8; seed++)
        {
            env.Reset(seed);
            var block = BodyPosition(env, "block");
            bool Sees(string camera, Harness.Core.Robots.CameraImage image)
            {
                var p = Project(env, camera, block);
                return p.Col >= 0 && p.Col < image.Width && p.Row >= 0 && p.Row < image.Height && CountIn(image, p.Col, p.Row, 2, IsRed) > 3;
            }
            var overhead = env.Render("overhead_cam");
            bool o = Sees("overhead_cam", overhead), w = Sees("wrist_cam", env.Render("wrist_cam"));
            Assert.That(o || w, $"block, seed {seed}: seen by neither overhead_cam nor wrist_cam");
            seenOverhead += o ? 1 : 0;
            Assert.That(Blob(overhead, (i, r, c) => i.At(r, c, 2) > 120 && i.At(r, c, 0) < 80).Count, Is.GreaterThan(100), $"bowl, seed {seed}");
        }
        Assert.That(seenOverhead, Is.EqualTo(5), "overhead_cam sees the block whole in 5 of these 8 layouts (not seeds 2, 4, 7)");
    }

    [Test]
    public void Moving_the_block_moves_the_red_blob_with_the_projection()
    {
        using var env = CreateEnv();
        env.Reset(0);
        var before = Blob(env.Render("overhead_cam"), IsRed);

        int adr = env.Model.JointQposAdr(env.Model.RequireId(MjObject.Joint, "block_free"));
        env.Data.Qpos[adr] -= 0.06;     // towards the robot
        env.Data.Qpos[adr + 1] -= 0.08; // to the robot's right
        env.Data.Forward();
        var moved = BodyPosition(env, "block");
        var expected = Project(env, "overhead_cam", moved);
        var after = Blob(env.Render("overhead_cam"), IsRed);

        Assert.That(after.Count, Is.GreaterThan(20));
        Assert.That(double.Hypot(after.Col - before.Col, after.Row - before.Row), Is.GreaterThan(30), "the blob moved");
        Assert.That(Math.Abs(after.Col - expected.Col), Is.LessThan(6));
        Assert.That(Math.Abs(after.Row - expected.Row), Is.LessThan(6));
    }

    [Test]
    public void Wrist_camera_sees_both_jaws_in_the_arms_yellow()
    {
        using var env = CreateEnv();
        env.Reset(0);
        var image = env.Render("wrist_cam");
        // The official SO-101's printed parts are yellow (1 0.82 0.12); the jaws' collision pads lie
        // on their gripping faces, inside the drawn meshes.
        foreach (var jaw in new[] { "fixed_jaw_pad", "moving_jaw_pad" })
        {
            var p = Project(env, "wrist_cam", GeomPosition(env, jaw));
            Assert.That(p.Col, Is.InRange(0, image.Width - 1), jaw);
            Assert.That(p.Row, Is.InRange(0, image.Height - 1), jaw);
            Assert.That(CountIn(image, p.Col, p.Row, 2, IsYellow), Is.GreaterThanOrEqualTo(20), $"{jaw} at {p} should be yellow");
        }
        // The jaws sit in the lower half of the wrist image, the table (no yellow) fills the top.
        Assert.That(Blob(image, IsYellow).Row, Is.GreaterThan(image.Height / 2.0));
    }

    [Test]
    public void Two_renders_of_the_same_seed_are_byte_identical()
    {
        byte[] RenderOnce()
        {
            using var env = CreateEnv();
            env.Reset(3);
            return PngEncoder.Encode(env.Render("overhead_cam"));
        }
        Assert.That(RenderOnce(), Is.EqualTo(RenderOnce()));
    }

    [Test]
    public void Unknown_camera_lists_the_models_cameras()
    {
        using var env = CreateEnv();
        env.Reset(0);
        using var renderer = new CameraRenderer(env.Model, 64, 64);
        var ex = Assert.Throws<ArgumentException>(() => renderer.Render(env.Data, "top"));
        Assert.That(ex!.Message, Does.Contain("'top'").And.Contain("overhead_cam").And.Contain("wrist_cam").And.Contain("front_cam"));
    }

    [Test]
    public void Overlay_sphere_and_segment_are_drawn_over_the_scene()
    {
        using var env = CreateEnv();
        env.Reset(0);
        using var renderer = new CameraRenderer(env.Model, 240, 320);
        var block = BodyPosition(env, "block");
        var target = Project(env, "overhead_cam", (block.X, block.Y, block.Z + 0.05));
        bool IsGreen(Harness.Core.Robots.CameraImage i, int r, int c) => i.At(r, c, 1) > 150 && i.At(r, c, 0) < 100 && i.At(r, c, 2) < 120;

        var plain = renderer.Render(env.Data, "overhead_cam");
        var overlay = new SceneOverlay(
            [new OverlaySegment(0.30, -0.15, 0.02, 0.30, 0.15, 0.02, 0.006, Rgba.Green)],
            [new OverlaySphere(block.X, block.Y, block.Z + 0.05, 0.02, Rgba.Green)]);
        var drawn = renderer.Render(env.Data, "overhead_cam", overlay);

        Assert.That(CountIn(plain, target.Col, target.Row, 3, IsGreen), Is.EqualTo(0));
        Assert.That(CountIn(drawn, target.Col, target.Row, 3, IsGreen), Is.GreaterThan(30), "sphere");
        var segMid = Project(env, "overhead_cam", (0.30, -0.12, 0.02));
        Assert.That(CountIn(drawn, segMid.Col, segMid.Row, 2, IsGreen), Is.GreaterThan(5), "segment");
        Assert.That(env.Data.Time, Is.EqualTo(0), "rendering does not advance the simulation");
    }

    [Test]
    public void Translucent_overlay_blends_with_what_is_behind_it()
    {
        using var env = CreateEnv();
        env.Reset(0);
        using var renderer = new CameraRenderer(env.Model, 240, 320);
        var block = BodyPosition(env, "block");
        var p = Project(env, "overhead_cam", block);
        int r = (int)p.Row, c = (int)p.Col;
        var plain = renderer.Render(env.Data, "overhead_cam");
        var opaque = renderer.Render(env.Data, "overhead_cam", new SceneOverlay([], [new OverlaySphere(block.X, block.Y, block.Z + 0.03, 0.03, Rgba.Green)]));
        var glass = renderer.Render(env.Data, "overhead_cam", new SceneOverlay([], [new OverlaySphere(block.X, block.Y, block.Z + 0.03, 0.03, Rgba.Green.WithAlpha(0.35f))]));

        Assert.That(plain.At(r, c, 0), Is.GreaterThan(150), "red block");
        Assert.That(opaque.At(r, c, 0), Is.LessThan(100), "an opaque sphere hides the block");
        Assert.That(glass.At(r, c, 0), Is.InRange(opaque.At(r, c, 0) + 30, plain.At(r, c, 0) - 10), "a translucent sphere lets red through");
        Assert.That(glass.At(r, c, 1), Is.GreaterThan(plain.At(r, c, 1) + 30), "and tints it green");
    }

    [Test]
    public void Overlay_larger_than_the_scene_capacity_is_refused_with_the_numbers()
    {
        using var env = CreateEnv();
        env.Reset(0);
        using var renderer = new CameraRenderer(env.Model, 32, 32, GlBackend.OsMesa, overlayCapacity: 10);
        var spheres = Enumerable.Range(0, 5000).Select(i => new OverlaySphere(0.1, 0, 0.1, 0.01, Rgba.Blue)).ToArray();
        var ex = Assert.Throws<MujocoException>(() => renderer.Render(env.Data, "overhead_cam", new SceneOverlay([], spheres)));
        Assert.That(ex!.Message, Does.Contain("5000 geoms"));
    }

    [Test]
    public void Free_camera_view_of_the_workspace_shows_the_block()
    {
        using var env = CreateEnv();
        env.Reset(0);
        using var renderer = new CameraRenderer(env.Model, 240, 320);
        var image = renderer.Render(env.Data, FreeCamera.Workspace);
        Assert.That(Blob(image, IsRed).Count, Is.GreaterThan(10));
    }

    [Test]
    public void Images_larger_than_the_scene_offscreen_buffer_still_render()
    {
        using var env = CreateEnv();
        env.Reset(0);
        using var renderer = new CameraRenderer(env.Model, 1000, 1400);
        var image = renderer.Render(env.Data, "front_cam");
        Assert.That(Blob(image, IsRed).Count, Is.GreaterThan(100));
    }
}
