using Harness.Core.Randomness;
using Harness.Core.Robots;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Sim.Perturbations;

/// <summary>When a perturbation can be seen in a still of the scene.</summary>
public enum StillMoment
{
    /// <summary>In the initial state (a bigger block, a moved camera, dimmer light).</summary>
    InitialState,
    /// <summary>Only while something happens during the episode (a push): the still is taken then, with a marker.</summary>
    Event,
    /// <summary>Never (latency, observation noise, a paraphrased prompt): the report states the value instead.</summary>
    None,
}

/// <summary>
/// A kind of perturbation as a scene package declares it (names of geoms, bodies, cameras, ...),
/// independent of any loaded model. <see cref="Bind"/> resolves it against one environment's model.
/// </summary>
public interface IPerturbation
{
    /// <summary>The kind's name in scene.yaml (geom_scale, push, ...).</summary>
    string Kind { get; }

    /// <summary>Per-episode details this kind records in episodes.csv besides the value (column suffixes, with units).</summary>
    IReadOnlyList<string> DetailKeys { get; }

    StillMoment Still { get; }

    /// <summary>MJCF cameras whose images this kind changes directly (stills show them); empty: the scene's view camera shows it.</summary>
    IReadOnlyList<string> Cameras => [];

    /// <summary>One text for a level's value, e.g. "x1.15", "2.0 cm", "paraphrase 2: ...".</summary>
    string Describe(double value, PerturbationRange range) => PerturbationText.Value(value, range.Unit);

    IBoundPerturbation Bind(MujocoEnv env, PerturbationRange range);
}

/// <summary>
/// A perturbation bound to one environment (its own model and data): it starts each episode from
/// a value and the episode's draws, and may hook the initial state, actions, forces and
/// observations. Hooks it does not need keep their defaults (no change).
/// </summary>
public interface IBoundPerturbation
{
    /// <summary>True when <see cref="Begin"/> edits model fields; the wrapper restores the nominal model before every episode.</summary>
    bool EditsModel { get; }

    /// <summary>Starts a perturbed episode: draws what it needs (always the same draws, whatever the value) and edits the model.</summary>
    void Begin(double value, SeededRandom draws);

    /// <summary>Changes the initial state before the arm settles (objects placed, arm at home).</summary>
    void BeforeSettle(MjData data) { }

    /// <summary>The episode's first observation is known (e.g. to hold the initial pose while actions are delayed).</summary>
    void Started(Observation first) { }

    /// <summary>The action that reaches the robot this step.</summary>
    IReadOnlyList<double> Action(IReadOnlyList<double> commanded) => commanded;

    /// <summary>Before control step <paramref name="step"/> runs (e.g. to apply or remove an external force).</summary>
    void BeforeStep(MjData data, int step) { }

    /// <summary>After control step <paramref name="step"/> ran (e.g. to see whether a trigger fired).</summary>
    void AfterStep(MjData data, int step) { }

    /// <summary>What the policy observes.</summary>
    Observation Observe(Observation observation) => observation;

    /// <summary>The task text given to language-conditioned policies.</summary>
    string TaskText(string nominal) => nominal;

    /// <summary>The current episode's details (keys of <see cref="IPerturbation.DetailKeys"/>; null where nothing happened yet).</summary>
    IReadOnlyDictionary<string, double?> Details { get; }

    /// <summary>Something to draw in a still while the perturbation acts (world points, m): an arrow from the first to the second point.</summary>
    (double[] From, double[] To)? Marker => null;
}
