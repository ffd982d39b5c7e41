using Harness.Core.Episodes;
using Harness.Core.Randomness;
using Harness.Sim.Env;
using Harness.Sim.Experts;
using Harness.Sim.Native;
using Harness.Sim.Scenes;

namespace Harness.Sim.Packages;

/// <summary>One check of `harness scene check`: its name, whether it passed, and the problems or facts found.</summary>
public sealed record SceneCheckResult(string Check, bool Passed, IReadOnlyList<string> Messages);

/// <summary>
/// Validates a scene package before any episode: it loads (every name exists, units and ranges are
/// plausible), its cameras render non-blank images, the initial-state ranges are collision-free at
/// rest and reachable by the tool, and the task type's scripted expert solves a few seeds (which
/// proves the task is solvable in this scene).
/// </summary>
public static class SceneCheck
{
    public const double RestTolerance = 0.005;
    public const double ReachTolerance = 0.01;

    public static IReadOnlyList<SceneCheckResult> Run(string dir, Func<MjModel, int, int, ICameraRenderer>? renderer, int expertSeeds = 5, Action<string>? progress = null)
    {
        var results = new List<SceneCheckResult>();
        SceneDefinition scene;
        try { scene = ScenePackageLoader.Load(dir); }
        catch (ScenePackageException e)
        {
            results.Add(new("package loads (names, units, ranges)", false, e.Problems.Select(p => p.ToString()).ToArray()));
            return results;
        }
        results.Add(new("package loads (names, units, ranges)", true,
            [$"{scene.Name} {scene.Version}: {scene.RobotType}, {scene.Cameras.Count} camera(s), task {scene.Schema.Name}, sha256 {scene.Sha256[..12]}"]));

        using var env = new MujocoEnv(scene, new MujocoEnvOptions(RendererFactory: renderer));
        progress?.Invoke("rendering cameras");
        results.Add(Cameras(env, renderer is not null));
        progress?.Invoke("checking the initial-state ranges");
        results.Add(Layout(env));
        results.Add(Reach(scene, env));
        if (scene.Experts is not null && expertSeeds > 0)
        {
            progress?.Invoke($"running the scripted expert on {expertSeeds} seeds");
            results.Add(Expert(scene, env, expertSeeds));
        }
        return results;
    }

    private static SceneCheckResult Cameras(MujocoEnv env, bool canRender)
    {
        if (!canRender) return new("cameras render", false, ["no renderer available (see --gl)"]);
        var msgs = new List<string>();
        bool ok = true;
        env.Reset(0);
        foreach (var c in env.Spec.Cameras)
        {
            try
            {
                var img = env.Render(c.Name);
                int distinct = img.Values is { } v ? v.Distinct().Take(50).Count()
                    : img.Pixels.Chunk(3).Select(p => (p[0] << 16) | (p[1] << 8) | p[2]).Distinct().Take(50).Count();
                if (distinct < 8) { ok = false; msgs.Add($"{c.Name}: the image is (nearly) uniform ({distinct} {(img.IsFloat ? "values" : "colours")}); is the camera inside a body or looking at nothing?"); }
                else msgs.Add($"{c.Name}: {c.Width}x{c.Height}, fovy {c.FovYDeg:0.#} deg, {c.Kind}");
            }
            catch (Exception e) { ok = false; msgs.Add($"{c.Name}: {e.Message}"); }
        }
        return new("cameras render", ok, msgs);
    }

    // Every placed body, at the corners of its range and at 20 seeds, must come to rest where it
    // was placed (no collision pushed it) after the settle time.
    private static SceneCheckResult Layout(MujocoEnv env)
    {
        var layout = env.Parts.Layout;
        if (layout.Bodies.Count == 0) return new("initial states are collision-free", true, ["the scene places no bodies"]);
        var msgs = new List<string>();
        for (int seed = 0; seed < 20; seed++)
        {
            var poses = layout.Draw(EpisodeSeeds.For(0, seed));
            env.Reset(EpisodeSeeds.For(0, seed));
            for (int i = 0; i < layout.Bodies.Count; i++)
            {
                var adr = layout.Bodies[i].QposAdr;
                double dx = env.Data.Qpos[adr] - poses[i].X, dy = env.Data.Qpos[adr + 1] - poses[i].Y;
                double moved = Math.Sqrt(dx * dx + dy * dy);
                if (moved > RestTolerance)
                    msgs.Add($"episode {seed}: {layout.Bodies[i].Joint} moved {moved * 1000:0.0} mm while settling from ({poses[i].X:0.###}, {poses[i].Y:0.###}); something overlaps it or it is placed in the air");
            }
        }
        return new("initial states are collision-free", msgs.Count == 0, msgs.Count == 0 ? ["20 episodes: every placed body rests where it was placed"] : msgs.Take(10).ToArray());
    }

    // A tool must reach a point 5 cm above each corner of each placed body's range: with several
    // grippers (a bimanual kit) any of them will do, each solved with the joints of its own arm.
    private static SceneCheckResult Reach(SceneDefinition scene, MujocoEnv env)
    {
        if (scene.Grippers.Count == 0 || env.Parts.Joints is not ElementJointMap map) return new("initial states are reachable", true, ["no gripper declared: nothing to reach"]);
        var tools = scene.Grippers.Select(g =>
        {
            var arm = ArmChain.Elements(env.Model, g.ToolSite, map.Elements);
            var ik = new SiteIk(env.Model, g.ToolSite, arm.Select(i => map.Elements[i].Joint).ToArray()) { RotationWeight = 0 };
            return (Gripper: g, Ik: ik, Home: arm.Select(i => map.Elements[i].ToSim(scene.HomePose[i])).ToArray());
        }).ToArray();
        try
        {
            var msgs = new List<string>();
            var reached = new int[tools.Length];
            int corners = 0;
            foreach (var b in env.Parts.Layout.Bodies)
                foreach (var (x, y) in new[] { (b.XMin, b.YMin), (b.XMin, b.YMax), (b.XMax, b.YMin), (b.XMax, b.YMax) })
                {
                    corners++;
                    var target = new SiteTarget(x, y, b.Z + 0.05, [0, 0, -1], [0, 1, 0]);
                    var errors = tools.Select(t => t.Ik.Solve((double[])t.Home.Clone(), target, maxIterations: 200)).ToArray();
                    for (int i = 0; i < tools.Length; i++) if (errors[i] <= ReachTolerance) reached[i]++;
                    if (errors.Min() > ReachTolerance) msgs.Add($"{b.Joint} at ({x:0.###}, {y:0.###}): no tool gets closer than {errors.Min() * 100:0.0} cm to 5 cm above it");
                }
            if (msgs.Count > 0) return new("initial states are reachable", false, msgs);
            string by = tools.Length == 1 ? "the tool reaches"
                : $"a tool reaches ({string.Join(", ", tools.Select((t, i) => $"{t.Gripper.Name}: {reached[i]} of {corners} corners"))})";
            return new("initial states are reachable", true, [$"{by} 5 cm above every corner of every placed body's range"]);
        }
        finally { foreach (var t in tools) t.Ik.Dispose(); }
    }

    private static SceneCheckResult Expert(SceneDefinition scene, MujocoEnv env, int seeds)
    {
        using var policy = scene.CreateExpert();
        var runner = new EpisodeRunner(env, policy);
        var labels = Enumerable.Range(0, seeds).Select(i => runner.Run(i, EpisodeSeeds.For(0, i)).Outcome).ToArray();
        int ok = labels.Count(o => o.Success);
        var msgs = new List<string> { $"{ok}/{seeds} episodes of run seed 0 solved by `scripted`" };
        msgs.AddRange(labels.Select((o, i) => (o, i)).Where(x => !x.o.Success).Select(x => $"episode {x.i}: {x.o.Label} ({x.o.Detail})"));
        // One miss in five is luck; more means the task as configured is not reliably solvable.
        return new("the scripted expert solves the task", ok >= seeds - Math.Max(0, seeds / 5), msgs);
    }
}
