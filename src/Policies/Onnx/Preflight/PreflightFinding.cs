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
}

/// <summary>One failed pre-flight check: which check, and what was expected, found and to do.</summary>
public sealed record PreflightFinding(PreflightCheck Check, string Message)
{
    public override string ToString() => $"[{Check}] {Message}";
}
