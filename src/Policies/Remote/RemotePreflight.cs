using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Policies.Preflight;

namespace Harness.Policies.Remote;

/// <summary>
/// Pre-flight of an <c>openpi:</c> policy, through the server with the scene's own reset states:
/// the layout fits the robot, the prompt reaches a language-conditioned policy, chunks have the
/// robot's action size and finite values, the first action of a chunk lies near the measured joints
/// (absolute joints; grippers exempt: the tolerance a Harness server gives for its package in the metadata
/// frame, else, as other servers ship no statistics, <see cref="FirstActionRangeFraction"/> of each
/// joint's range), and no state
/// survives an episode start (a deterministic server only: a sampling one is reported as unchecked).
/// </summary>
internal static class RemotePreflight
{
    public const double FirstActionRangeFraction = 0.25;

    public static PreflightReport Run(OpenPiPolicy policy, PreflightContext ctx, bool force)
    {
        var results = new List<PreflightResult>();
        var spec = ctx.Spec;
        try
        {
            policy.Layout.Check(spec);
            results.Add(new("Layout", PreflightStatus.Pass));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            results.Add(new("Layout", PreflightStatus.Fail, ex.Message));
            return new PreflightReport(policy.Name, results, force);
        }

        results.Add(!policy.Layout.SendsPrompt
            ? new("Language", PreflightStatus.Skipped, $"the {policy.Layout.Name} layout sends no prompt")
            : string.IsNullOrWhiteSpace(ctx.TaskText)
                ? new("Language", PreflightStatus.Fail,
                    $"the server would get an empty prompt, and language-conditioned policies (pi0, pi0.5, SmolVLA) act on it. Give the task with --prompt \"...\", or use a scene with a task text.")
                : new("Language", PreflightStatus.Pass));

        if (!ctx.HasObservations)
        {
            foreach (var c in new[] { "ActionDimension", "FirstAction", "EpisodeState" })
                results.Add(new(c, PreflightStatus.Skipped, "no observations from the scene"));
            return new PreflightReport(policy.Name, results, force);
        }

        var chunks = ctx.ResetObservations.Select(o => { policy.Reset(); return (Obs: o, Chunk: policy.Infer(o, ctx.TaskText)); }).ToList();
        policy.Reset();
        var wrong = chunks.FirstOrDefault(c => c.Chunk.Dim != spec.ActionDim || c.Chunk.Actions.Any(a => a.Any(v => !double.IsFinite(v))));
        if (wrong.Chunk is { } bad)
        {
            results.Add(new("ActionDimension", PreflightStatus.Fail, bad.Dim != spec.ActionDim
                ? $"the server answers with {bad.Dim} action values per step; {spec.RobotType} takes {spec.ActionDim} ({string.Join(", ", spec.Joints.Select(j => j.Key))}). Serve a policy trained for this robot, or fix the output transform."
                : "the server answered with non-finite actions (NaN or infinity) for a reset state of the scene."));
            results.Add(new("FirstAction", PreflightStatus.Skipped, "the actions have the wrong size"));
        }
        else
        {
            results.Add(new("ActionDimension", PreflightStatus.Pass));
            results.Add(FirstAction(spec, chunks, policy.ServedFirstActionTolerance));
        }

        var (answer, diff) = HistoryProbe.Run(policy, ctx.ResetObservations[0], ctx.ResetObservations[^1], ctx.TaskText, resetBetween: true);
        results.Add(answer switch
        {
            HistoryProbe.Answer.Stateless => new("EpisodeState", PreflightStatus.Pass),
            HistoryProbe.Answer.Sampling => new("EpisodeState", PreflightStatus.Skipped,
                $"the server samples (the same observation gave chunks differing by {diff:G3}), so state kept across episodes cannot be checked; " +
                "make sure it resets per episode (harness serve does on harness/episode_start)."),
            _ => new("EpisodeState", PreflightStatus.Fail,
                $"the server carries state from one episode into the next: after an episode start, the same observation gave actions differing by {diff:G3} from a fresh start. " +
                (policy.Layout.SendsEpisodeStart
                    ? "It ignores harness/episode_start; reset the policy on it, or serve with harness serve."
                    : $"The {policy.Layout.Name} layout sends no episode starts; add \"send_episode_start\": true to the mapping file, or use the lerobot layout.")),
        });
        return new PreflightReport(policy.Name, results, force);
    }

    private static PreflightResult FirstAction(RobotSpec spec, IReadOnlyList<(Observation Obs, ActionChunk Chunk)> chunks, IReadOnlyList<double?>? served)
    {
        if (spec.ActionRepresentation.Kind != ActionKind.AbsoluteJoints)
            return new("FirstAction", PreflightStatus.Skipped, $"the robot takes {spec.ActionRepresentation.Kind} actions");
        var jumps = new List<string>();
        foreach (var (obs, chunk) in chunks)
            for (int j = 0; j < spec.ActionDim && j < obs.State.Length; j++)
            {
                var joint = spec.Joints[j];
                bool fromServer = served is not null && j < served.Count && served[j] is not null;
                double tol = fromServer ? served![j]!.Value : FirstActionRangeFraction * (joint.Max - joint.Min), jump = Math.Abs(chunk[0][j] - obs.State[j]);
                if (!joint.IsGripper && jump > tol)
                    jumps.Add($"'{joint.Key}' measured {obs.State[j]:G4}, commanded {chunk[0][j]:G4} {joint.Unit} " +
                              (fromServer ? $"(tolerance {tol:G3}, the served package's)" : $"(tolerance {tol:G3}, {FirstActionRangeFraction * 100:0} % of the range)"));
            }
        return jumps.Count == 0 ? new("FirstAction", PreflightStatus.Pass)
            : new("FirstAction", PreflightStatus.Fail,
                $"at the scene's reset states the server's first action is far from the measured joints (absolute joint actions): {string.Join(", ", jumps.Distinct().Take(4))}. " +
                "Check that the server de-normalises its actions, orders joints as the robot does, and uses the robot's units.");
    }
}
