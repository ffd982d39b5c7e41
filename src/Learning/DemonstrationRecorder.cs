using Harness.Core.Episodes;
using Harness.Core.Policies;
using Harness.Core.Randomness;
using Harness.Core.Robots;

namespace Harness.Learning;

/// <summary>
/// Records demonstrations from a teacher policy (e.g. the scripted expert): runs episodes through
/// the ordinary episode loop, keeps the successful ones, and turns every step into a
/// (features, next-actions) pair.
/// </summary>
public sealed class DemonstrationRecorder(IRobotEnv env, IPolicy teacher, IReadOnlyList<string> inputFeatures, int horizon)
{
    /// <summary>Collects <paramref name="demos"/> successful episodes (seeds from <paramref name="seed"/>, trying at most 3x as many).</summary>
    public DemonstrationSet Record(int demos, int seed, Action<int, int>? progress = null)
    {
        if (demos <= 0) throw new ArgumentException($"the number of demonstrations must be at least 1; got {demos}.");
        if (horizon <= 0) throw new ArgumentException($"the action horizon must be at least 1; got {horizon}.");
        var inputs = new List<float[]>();
        var targets = new List<float[]>();
        int[] sizes = [];
        var collector = new ObservationCollector();
        var runner = new EpisodeRunner(env, teacher, observers: [collector]);
        int kept = 0;
        for (int attempt = 0; kept < demos && attempt < demos * 3; attempt++)
        {
            var rec = runner.Run(attempt, EpisodeSeeds.For(seed, attempt));
            if (!rec.Outcome.Success) continue;
            kept++;
            progress?.Invoke(kept, demos);
            var obs = collector.Observations;
            // Labels are the teacher's commands (clean even when the executed actions were perturbed).
            var actions = rec.Steps.Select(s => env.Spec.ClampAction(s.CommandedAction)).ToArray();
            for (int t = 0; t < actions.Length; t++)
            {
                var parts = inputFeatures.Select(f => obs[t].Vector(f)).ToArray();
                sizes = parts.Select(p => p.Length).ToArray();
                inputs.Add(parts.SelectMany(p => p).Select(v => (float)v).ToArray());
                var target = new float[horizon * env.Spec.ActionDim];
                for (int k = 0; k < horizon; k++)
                {
                    var a = actions[Math.Min(t + k, actions.Length - 1)];
                    for (int j = 0; j < a.Length; j++) target[k * a.Length + j] = (float)a[j];
                }
                targets.Add(target);
            }
        }
        if (kept < demos)
            throw new InvalidOperationException($"the teacher '{teacher.Name}' succeeded in only {kept} of {demos * 3} episodes; need {demos} successful demonstrations.");
        return new DemonstrationSet(inputFeatures, sizes, env.Spec.ActionDim, horizon, inputs, targets, kept);
    }

    /// <summary>Keeps the observation of every step of the current episode (index = step).</summary>
    private sealed class ObservationCollector : IEpisodeObserver
    {
        public List<Observation> Observations { get; } = [];
        public void OnEpisodeStart(IRobotEnv env, int episode, int seed, Observation first) { Observations.Clear(); Observations.Add(first); }
        public void OnStep(IRobotEnv env, StepRecord step, Observation next) => Observations.Add(next);
    }
}
