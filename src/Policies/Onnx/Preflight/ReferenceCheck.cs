using Harness.Core.Robots;

namespace Harness.Policies.Onnx.Preflight;

/// <summary>
/// (j) The package's reference pair: the whole pipeline (normalise -> model -> de-normalise) run on
/// reference.json's raw observation must give its raw action chunk, to <see cref="Tolerance"/> of
/// each joint's action std (or of the value itself when there is no std). This catches every
/// normalisation, unit, order and scale fault at once.
/// </summary>
internal static class ReferenceCheck
{
    public const double Tolerance = 1e-3;

    public static IEnumerable<PreflightFinding> Run(OnnxPolicy policy, RobotSpec spec, PolicyReference reference)
    {
        policy.Reset();
        var chunk = policy.Infer(reference.Observation, reference.Task);
        policy.Reset();
        var want = reference.Actions;
        if (chunk.Length != want.Count || chunk.Dim != want[0].Length)
        {
            yield return new PreflightFinding(PreflightCheck.Reference,
                $"reference.json holds a {want.Count}x{want[0].Length} action chunk; the package produced {chunk.Length}x{chunk.Dim} for its observation. " +
                "reference.json belongs to another model or export; write it again with the training code.");
            yield break;
        }
        var std = policy.Package.Stats.For(policy.ActionNormalizer.Feature)?.Std;
        (int T, int J, double Err) worst = (0, 0, -1);
        for (int t = 0; t < want.Count; t++)
            for (int j = 0; j < chunk.Dim; j++)
            {
                double scale = std is not null && j < std.Length && std[j] > 0 ? std[j] : Math.Max(1, Math.Abs(want[t][j]));
                double err = Math.Abs(chunk[t][j] - want[t][j]) / scale;
                if (!(err <= worst.Err)) worst = (t, j, double.IsNaN(err) ? double.PositiveInfinity : err);
            }
        if (worst.Err <= Tolerance) yield break;
        string joint = worst.J < spec.Joints.Count ? $"'{spec.Joints[worst.J].Key}'" : $"dimension {worst.J}";
        var first = Enumerable.Range(0, chunk.Dim).Select(j => $"{StatsCheck.F(chunk[0][j])}/{StatsCheck.F(want[0][j])}");
        yield return new PreflightFinding(PreflightCheck.Reference,
            $"the package does not reproduce reference.json: action {worst.T}, joint {joint} is {StatsCheck.F(chunk[worst.T][worst.J])}, the training code gave {StatsCheck.F(want[worst.T][worst.J])} " +
            $"({StatsCheck.F(worst.Err)} of its action std; tolerance {Tolerance}). First action ours/reference: [{string.Join(", ", first)}]. " +
            "The pipeline differs from training: check normalization modes, stats.json (units, order, the dataset it came from), value_range and layout in policy.json.");
    }
}
