using Harness.Core.Policies;
using Harness.Core.Robots;

namespace Harness.Policies.Onnx.Preflight;

/// <summary>
/// (i) For absolute joint-position actions, the first action of a chunk predicted at a reset state
/// must be close to the measured joints: a chunk that starts far away is a sudden jump on hardware
/// (actions never de-normalised, two action dimensions swapped, wrong units). The tolerance per
/// joint is the spread `harness distill` records in policy.json (action_state_spread: the largest
/// |first action of a chunk - state| in the training data; an expert may well start a chunk with a
/// jump, e.g. turning the wrist to the object) plus <see cref="LearnedSlackStds"/> x the joint's
/// action std for what a learned policy adds; without a recorded spread,
/// <see cref="StdMultiple"/> x the action std from stats.json. Never below <see cref="RangeFloor"/>
/// of the joint's range. Grippers are exempt: commanding closed against
/// a held object is normal.
/// </summary>
internal static class FirstActionCheck
{
    public const double LearnedSlackStds = 1, StdMultiple = 3, RangeFloor = 0.02;

    public static IEnumerable<PreflightFinding> Run(OnnxPolicy policy, RobotSpec spec, IReadOnlyList<(Observation Obs, ActionChunk Chunk)> atReset)
    {
        var tolerance = Tolerances(policy, spec);
        var jumps = new List<(int Joint, double Jump, double Tol, double State, double Action)>();
        foreach (var (obs, chunk) in atReset)
        {
            var state = obs.State;
            for (int j = 0; j < spec.ActionDim; j++)
            {
                if (spec.Joints[j].IsGripper || tolerance[j] is not { } tol) continue;
                double jump = Math.Abs(chunk[0][j] - state[j]);
                if (!(jump <= tol)) jumps.Add((j, jump, tol, state[j], chunk[0][j]));
            }
        }
        if (jumps.Count == 0) yield break;
        var byJoint = jumps.GroupBy(x => x.Joint).Select(g => g.OrderByDescending(x => x.Jump).First()).OrderByDescending(x => x.Jump / x.Tol).ToList();
        yield return new PreflightFinding(PreflightCheck.FirstAction,
            "at the scene's reset states the first action of the chunk is far from the measured joints (absolute joint actions): " +
            string.Join(", ", byJoint.Take(4).Select(x =>
                $"'{spec.Joints[x.Joint].Key}' measured {StatsCheck.F(x.State)}, commanded {StatsCheck.F(x.Action)} {spec.Joints[x.Joint].Unit} (jump {StatsCheck.F(x.Jump)}, tolerance {StatsCheck.F(x.Tol)})")) +
            (byJoint.Count > 4 ? $" and {byJoint.Count - 4} more joints" : "") +
            ". On hardware that is a sudden jump. Usual causes: actions never de-normalised (normalization.action), action dimensions in another order than the robot's joints, " +
            "or statistics in other units; a reference.json in the package pins down which.");
    }

    /// <summary>Per joint: the tolerance, or null when the package gives nothing to derive one from.</summary>
    internal static double?[] Tolerances(OnnxPolicy policy, RobotSpec spec)
    {
        var spread = policy.Package.Manifest.ActionStateSpread;
        var std = policy.Package.Stats.For(policy.ActionNormalizer.Feature)?.Std;
        var result = new double?[spec.ActionDim];
        for (int j = 0; j < result.Length; j++)
        {
            double? s = std is not null && j < std.Length ? std[j] : null;
            double? t = spread is not null && j < spread.Length ? spread[j] + LearnedSlackStds * (s ?? 0)
                : s is { } sd ? StdMultiple * sd : null;
            result[j] = t is { } v ? Math.Max(v, RangeFloor * (spec.Joints[j].Max - spec.Joints[j].Min)) : null;
        }
        return result;
    }
}
