using Harness.Core.Randomness;
using Harness.Core.Robots;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Rendering;
using Harness.Sim.Scenes;

namespace Harness.Sim.Perturbations;

/// <summary>A still of a perturbed scene: the camera, the episode it shows, the value applied, a caption, the image.</summary>
public sealed record PerturbationStill(string Camera, int Episode, double Value, string Caption, CameraImage Image);

/// <summary>
/// Shows what a level means: the scene rendered with the level applied, from the camera the axis
/// changes (else the scene's view camera), at the initial state of the run's first episode that
/// heads for each edge of the range. An event (a push) is shown while it acts, with an arrow; the
/// scene's scripted expert drives the arm until then. Axes nobody can see (latency, noise, prompts)
/// get no still.
/// </summary>
public static class PerturbationStills
{
    /// <summary>How many of the run's first episodes are searched for one heading to each edge.</summary>
    public const int SearchEpisodes = 64;
    public static readonly Rgba Arrow = new(0.95f, 0.1f, 0.6f, 1f);

    public static IReadOnlyList<PerturbationStill> Render(SceneDefinition scene, PerturbationAxis axis, int level, int levels, int runSeed,
        int height, int width, GlBackend backend)
    {
        if (axis.Effect.Still == StillMoment.None) return [];
        var stills = new List<PerturbationStill>();
        var env = new PerturbedEnv(new MujocoEnv(scene), axis, level, levels);
        using (env)
        {
            using var renderer = new CameraRenderer(env.Inner.Model, height, width, backend);
            // The camera the axis moves (an MJCF name), else the scene's view camera (a feature name).
            string camera = axis.Effect.Cameras.FirstOrDefault() ?? scene.ViewCamera;
            string mjcf = axis.Effect.Cameras.Count > 0 ? camera : scene.Camera(camera)?.MjcfCamera ?? camera;
            foreach (int episode in Episodes(axis, level, runSeed))
            {
                int seed = EpisodeSeeds.For(runSeed, episode);
                var (overlay, note) = axis.Effect.Still == StillMoment.Event && level > 0 ? RunToEvent(scene, env, seed) : (null, null);
                if (overlay is null) env.Reset(seed);
                double value = env.Applied.Value;
                string caption = $"level {level}: {axis.Describe(value)}" + (level == 0 ? " (nominal)" : "") + $", episode {episode}" + (note is null ? "" : ", " + note);
                stills.Add(new PerturbationStill(camera, episode, value, caption, renderer.Render(env.Inner.Data, mjcf, overlay ?? SceneOverlay.Empty)));
            }
        }
        return stills;
    }

    /// <summary>Episode 0 for the nominal level; else the first episode heading for each edge of the range, low edge first.</summary>
    public static IReadOnlyList<int> Episodes(PerturbationAxis axis, int level, int runSeed)
    {
        if (level == 0) return [0];
        var byEdge = new SortedDictionary<double, int>();
        for (int i = 0; i < SearchEpisodes && byEdge.Count < axis.Range.Edges.Count; i++)
            byEdge.TryAdd(axis.Range.EdgeFor(PerturbationSeeds.For(EpisodeSeeds.For(runSeed, i), axis.Name)), i);
        return byEdge.Values.ToArray();   // low edge first
    }

    // The scripted expert drives the arm until the perturbation's marker appears (the push acts).
    private static (SceneOverlay Overlay, string Note) RunToEvent(SceneDefinition scene, PerturbedEnv env, int seed)
    {
        var obs = env.Reset(seed);
        if (scene.Experts is null) return (SceneOverlay.Empty, "initial state (the scene has no scripted expert to reach the event)");
        using var expert = scene.CreateExpert();
        expert.Reset();
        int step = 0;
        while (step < env.Spec.MaxEpisodeSteps)
            foreach (var action in expert.Infer(obs, env.TaskText).Actions)
            {
                var result = env.Step(action);
                obs = result.Observation;
                step++;
                if (env.Marker is { } m)
                {
                    var shaft = new OverlaySegment(m.From[0], m.From[1], m.From[2], m.To[0], m.To[1], m.To[2], 0.004, Arrow);
                    var head = new OverlaySphere(m.To[0], m.To[1], m.To[2], 0.008, Arrow);
                    return (new SceneOverlay([shaft], [head]), $"at step {step - 1} (scripted expert driving; the arrow shows the force)");
                }
                if (result.TaskDone || step >= env.Spec.MaxEpisodeSteps)
                    return (SceneOverlay.Empty, "the push never started in this episode (end state shown)");
            }
        return (SceneOverlay.Empty, "the push never started in this episode (end state shown)");
    }
}
