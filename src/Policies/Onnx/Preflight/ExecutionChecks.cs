using Harness.Core.Robots;

namespace Harness.Policies.Onnx.Preflight;

/// <summary>
/// (k) The control rate the policy was trained at (policy.json <c>fps</c>) must be the scene's: at
/// another rate every action lasts the wrong time. (l) <c>n_action_steps</c> cannot exceed the
/// chunk the model outputs: the runner would have nothing to execute for the rest.
/// </summary>
internal static class ExecutionChecks
{
    public const double RateTolerance = 0.01;

    public static IEnumerable<PreflightFinding> ControlRate(OnnxPolicy policy, RobotSpec spec)
    {
        if (policy.Package.Manifest.Fps is not { } fps) yield break;
        if (Math.Abs(fps - spec.ControlHz) <= RateTolerance * spec.ControlHz) yield break;
        yield return new PreflightFinding(PreflightCheck.ControlRate,
            $"the policy was trained at {StatsCheck.F(fps)} fps (policy.json fps); {spec.RobotType} here runs at {StatsCheck.F(spec.ControlHz)} Hz, " +
            $"so every action would last {StatsCheck.F(fps / spec.ControlHz)}x as long as in training. Evaluate it on a scene at {StatsCheck.F(fps)} Hz, or use a policy trained at {StatsCheck.F(spec.ControlHz)} fps.");
    }

    public static IEnumerable<PreflightFinding> ChunkLength(OnnxPolicy policy, int chunkLength)
    {
        int n = policy.Package.Manifest.NActionSteps;
        if (n <= chunkLength) yield break;
        yield return new PreflightFinding(PreflightCheck.ChunkLength,
            $"policy.json asks for n_action_steps {n}, but the model outputs chunks of {chunkLength} actions: the rest would never be executed as configured. " +
            $"Set n_action_steps to at most {chunkLength} (LeRobot's n_action_steps <= chunk_size).");
    }
}
