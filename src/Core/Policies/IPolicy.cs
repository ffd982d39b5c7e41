using Harness.Core.Robots;

namespace Harness.Core.Policies;

/// <summary>
/// A policy: observation + task text in, action chunk (robot units) out. Normalisation belongs
/// inside the adapter. <see cref="Reset"/> is called by the episode runner before every episode;
/// callers never call it themselves.
/// </summary>
public interface IPolicy : IDisposable
{
    /// <summary>A short human name, e.g. <c>scripted</c> or <c>onnx:policies/x</c>.</summary>
    string Name { get; }

    /// <summary>Which observation features the policy reads (cameras are rendered only if asked).</summary>
    PolicyInputs Inputs { get; }

    /// <summary>How the policy would like its chunks executed, unless the user overrides it.</summary>
    ExecutionHint Hint { get; }

    void Reset();

    ActionChunk Infer(Observation observation, string task);

    /// <summary>Validates the policy against the robot before the first episode (pre-flight); throws when it cannot run.</summary>
    void Check(RobotSpec spec) { }

    /// <summary>
    /// Pre-flight against the robot and real observations from the scene: every check's result.
    /// The default runs <see cref="Check"/> and reports it as one passed check.
    /// </summary>
    PreflightReport Preflight(PreflightContext context)
    {
        Check(context.Spec);
        return new PreflightReport(Name, [new PreflightResult("Compatibility", PreflightStatus.Pass)]);
    }
}

/// <summary>Features a policy reads.</summary>
public sealed record PolicyInputs(IReadOnlyList<string> Features)
{
    public static PolicyInputs StateOnly { get; } = new([FeatureNames.State]);

    public IEnumerable<string> Cameras =>
        Features.Where(FeatureNames.IsImage).Select(FeatureNames.CameraOf);
}

/// <summary>
/// Chunk execution preferences: how many actions of each chunk to execute before re-querying
/// (null = the whole chunk), and an optional ACT-style temporal ensembling coefficient.
/// </summary>
public sealed record ExecutionHint(int? ActionsPerQuery = null, double? TemporalEnsembleCoeff = null)
{
    public static ExecutionHint Default { get; } = new();
}
