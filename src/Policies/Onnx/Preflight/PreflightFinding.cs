namespace Harness.Policies.Onnx.Preflight;

/// <summary>The pre-flight checks, one per failure mode seen in real evaluations.</summary>
public enum PreflightCheck
{
    /// <summary>(a) features the model needs that the environment does not provide.</summary>
    MissingFeatures,
    /// <summary>(b) state, action or image sizes that disagree between model, stats and robot.</summary>
    DimensionMismatch,
    /// <summary>(c) statistics with near-zero spread, or that blow a probe observation up beyond +-50.</summary>
    NormalizationStats,
    /// <summary>(d) images fed on the 0-255 scale to a model trained on 0-1, or the reverse.</summary>
    ImageValueRange,
    /// <summary>(e) de-normalised probe actions far outside the robot's limits or the training data.</summary>
    ActionRange,
    /// <summary>(f) per-episode state that survives Reset.</summary>
    EpisodeState,
    /// <summary>(g) statistics that cannot be (min &gt; max, negative std, ...), or action statistics that disagree with state statistics per joint.</summary>
    StatsConsistency,
    /// <summary>(h) real observations of the scene (reset states and a few steps) many stds away from the training statistics.</summary>
    ObservedRange,
    /// <summary>(i) absolute joint actions whose chunk starts far from the measured joints at reset.</summary>
    FirstAction,
    /// <summary>(j) the package's reference.json not reproduced by normalise -> model -> de-normalise.</summary>
    Reference,
    /// <summary>(k) the policy's training fps differs from the scene's control rate.</summary>
    ControlRate,
    /// <summary>(l) n_action_steps larger than the chunk the model outputs.</summary>
    ChunkLength,
    /// <summary>(m) cameras whose rendered frames fit another camera's image statistics (swapped cameras).</summary>
    CameraAssignment,
    /// <summary>(n) an image input fed a camera of another kind, channel count or value range (depth as RGB, RGB as depth).</summary>
    CameraKind,
    /// <summary>(o) an image input trained at another field of view than the scene camera mapped to it.</summary>
    CameraFov,
    /// <summary>(p) state statistics that cannot be in the units the policy is fed (declared units vs the package's data).</summary>
    Units,
}

/// <summary>One failed (or, with <see cref="Warning"/>, merely odd) pre-flight check: which check, and what was expected, found and to do.</summary>
public sealed record PreflightFinding(PreflightCheck Check, string Message, bool Warning = false)
{
    public override string ToString() => $"[{Check}] {Message}";
}
