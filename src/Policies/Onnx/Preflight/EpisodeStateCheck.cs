using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Policies.Preflight;

namespace Harness.Policies.Onnx.Preflight;

/// <summary>
/// (f) Per-episode state must not survive <see cref="IPolicy.Reset"/>: the same observation right
/// after Reset must give the same actions whether or not another episode ran before. Works on any
/// deterministic <see cref="IPolicy"/>; leaves the policy reset.
/// </summary>
public static class EpisodeStateCheck
{
    public static IEnumerable<PreflightFinding> Run(IPolicy policy, Observation first, Observation other, string task = "")
    {
        var (answer, diff) = HistoryProbe.Run(policy, first, other, task, resetBetween: true);
        return answer switch
        {
            HistoryProbe.Answer.Sampling => [new PreflightFinding(PreflightCheck.EpisodeState,
                $"the policy is not deterministic (the same observation after Reset differed by {StatsCheck.F(diff)}), so state carried across Reset cannot be ruled out. Make inference deterministic for evaluation.")],
            HistoryProbe.Answer.KeepsHistory => [new PreflightFinding(PreflightCheck.EpisodeState,
                $"per-episode state survives Reset: after another episode and Reset, the same observation gave actions differing by up to {StatsCheck.F(diff)} " +
                "from a fresh start. Observation histories, action queues or ensembling buffers must be cleared in Reset.")],
            _ => [],
        };
    }
}
