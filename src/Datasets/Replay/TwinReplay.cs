using Harness.Core.Robots;
using Harness.Core.Statistics;
using Harness.Datasets.Format;
using Harness.Datasets.Robots;

namespace Harness.Datasets.Replay;

/// <summary>Per joint, how far the simulated state strayed from the recorded one (robot units).</summary>
public sealed record JointTracking(string Joint, string Unit, double Mean, double P95, double Max);

/// <summary>One episode replayed in the twin: per joint tracking, and both trajectories for plots.</summary>
public sealed record EpisodeTracking(int Episode, int Frames, IReadOnlyList<JointTracking> Joints, double[][] Recorded, double[][] Simulated);

/// <summary>
/// Sim-twin replay: puts the simulated robot in a recorded episode's initial joint state, sends
/// the recorded actions one per control step, and compares the simulated <c>observation.state</c>
/// after each step with the recorded one of the next frame: |recorded - simulated| per joint,
/// summarised as mean, p95 and max in the features' units. Shows whether the simulated arm moves
/// like the user's real one.
/// </summary>
public static class TwinReplay
{
    /// <param name="setInitialState">Puts the environment in a joint state (robot units) after its reset.</param>
    public static EpisodeTracking Run(LeRobotDataset ds, int episode, IRobotEnv env, Action<IRobotEnv, double[]> setInitialState,
        IReadOnlyDictionary<string, string>? map = null)
    {
        DatasetRobotCheck.CheckRate(ds, env.Spec);
        var mapping = DatasetRobotCheck.ActionMapping(ds, env.Spec, map);
        var frames = new EpisodeFrameReader(ds, [FeatureNames.State, FeatureNames.Action]).Read(episode);
        var state = (Float32Column)frames.Column(FeatureNames.State);
        var action = (Float32Column)frames.Column(FeatureNames.Action);
        if (state.Width != action.Width)
            throw new DatasetFormatException(ds.FullPath(InfoJson.RelativePath), $"observation.state has {state.Width} elements and action {action.Width}; the twin replay compares states joint by joint, so both must list the joints.");
        double[] Row(Float32Column c, int r) => mapping.Select(i => (double)c.Get(r, i)).ToArray();

        env.Reset(0);
        setInitialState(env, Row(state, 0));
        int n = frames.Length;
        var recorded = new double[n][];
        var simulated = new double[n][];
        recorded[0] = Row(state, 0);
        simulated[0] = recorded[0];
        for (int t = 0; t + 1 < n; t++)
        {
            var result = env.Step(Row(action, t));
            recorded[t + 1] = Row(state, t + 1);
            simulated[t + 1] = result.Observation.State.ToArray();
        }
        var joints = env.Spec.Joints.Select((j, k) =>
        {
            var diffs = Enumerable.Range(1, Math.Max(0, n - 1)).Select(t => Math.Abs(recorded[t][k] - simulated[t][k])).ToArray();
            return diffs.Length == 0
                ? new JointTracking(j.Key, j.Unit, 0, 0, 0)
                : new JointTracking(j.Key, j.Unit, diffs.Average(), Percentiles.Of(diffs, 95), diffs.Max());
        }).ToArray();
        return new EpisodeTracking(episode, n, joints, recorded, simulated);
    }
}
