using Harness.Core.Robots;
using Harness.Core.Tasks;

namespace Harness.Core.Whiskers;

/// <summary>The action jump of one joint over an episode's chunk boundaries, in the joint's unit.</summary>
public sealed record JointJump(string Joint, string Unit, WhiskerStat Stat);

/// <summary>
/// Per-episode whisker metrics: chunk consistency and sample spread (metres, on tool paths), the
/// action jump at chunk boundaries per joint (in the joint's unit), and the jump's summary across
/// joints as a share of each joint's range (so joints of different units compare).
/// </summary>
public sealed record WhiskerSummary(WhiskerStat Consistency, WhiskerStat SampleSpread, IReadOnlyList<JointJump> ActionJumps, WhiskerStat JumpShareOfRange)
{
    /// <summary>Unit of the share-of-range summary: 0.1 = a tenth of the joint's range.</summary>
    public const string ShareOfRangeUnit = "share of joint range";

    public static WhiskerSummary Of(IReadOnlyList<WhiskerQueryMetrics> metrics, IReadOnlyList<JointSpec> joints)
    {
        var jumps = metrics.Where(m => m.ActionJump is not null).Select(m => m.ActionJump!).ToList();
        int dim = jumps.Count > 0 ? jumps[0].Count : joints.Count;
        var perJoint = Enumerable.Range(0, dim).Select(j => new JointJump(
            j < joints.Count ? joints[j].Key : $"joint_{j}", j < joints.Count ? joints[j].Unit : "",
            WhiskerStat.Of(jumps.Select(x => (double?)x[j])))).ToList();
        return new WhiskerSummary(
            WhiskerStat.Of(metrics.Select(m => m.ConsistencyM)),
            WhiskerStat.Of(metrics.Select(m => m.SampleSpreadM)),
            perJoint,
            WhiskerStat.Of(jumps.Select(x => ShareOfRange(x, joints))));
    }

    /// <summary>The largest jump of one boundary as a share of its joint's range; null without joint limits.</summary>
    public static double? ShareOfRange(IReadOnlyList<double> jump, IReadOnlyList<JointSpec> joints)
    {
        if (joints.Count != jump.Count) return null;
        double? worst = null;
        for (int j = 0; j < jump.Count; j++)
        {
            double range = joints[j].Max - joints[j].Min;
            if (range > 0) worst = Math.Max(worst ?? 0, jump[j] / range);
        }
        return worst;
    }

    /// <summary>The optional episodes.csv columns (`harness eval --whisker-metrics`), with units and definitions.</summary>
    public static IReadOnlyList<MetricSpec> ColumnSpecs { get; } =
    [
        new("whisker_consistency_mean_m", Units.Metres,
            "mean distance between the overlapping rows of consecutive predicted tool paths (undefined when whole chunks run open-loop)", [MetricAggregation.Mean]),
        new("whisker_consistency_p95_m", Units.Metres, "95th percentile over the episode's queries of that distance", [MetricAggregation.Mean]),
        new("whisker_action_jump_mean_range", ShareOfRangeUnit,
            "at each chunk boundary, the largest |first action of the new chunk - last executed action| over the joints, as a share of that joint's range; mean over the episode's boundaries", [MetricAggregation.Mean]),
        new("whisker_action_jump_max_range", ShareOfRangeUnit, "the same, largest boundary of the episode", [MetricAggregation.Max]),
        new("whisker_sample_spread_mean_m", Units.Metres,
            "mean distance of K sampled chunks' end points to their centroid (stochastic policies, --samples K)", [MetricAggregation.Mean]),
    ];

    public static IReadOnlyList<string> Columns { get; } = ColumnSpecs.Select(c => c.Key).ToArray();

    public IReadOnlyDictionary<string, double?> ToColumns() => new Dictionary<string, double?>
    {
        ["whisker_consistency_mean_m"] = Consistency.Mean,
        ["whisker_consistency_p95_m"] = Consistency.P95,
        ["whisker_action_jump_mean_range"] = JumpShareOfRange.Mean,
        ["whisker_action_jump_max_range"] = JumpShareOfRange.Max,
        ["whisker_sample_spread_mean_m"] = SampleSpread.Mean,
    };
}
