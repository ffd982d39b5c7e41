using Harness.Core.Policies;
using Harness.Core.Robots;

namespace Harness.Policies.Onnx.Preflight;

/// <summary>
/// Runs the pre-flight checks of an <see cref="OnnxPolicy"/>: static checks (features, dimensions,
/// statistics, image range, control rate) first, then inferences (reference pair, first action,
/// action range, chunk length, episode state) when the static ones leave the model runnable. With
/// real observations from the scene (<see cref="PreflightContext.Collect"/>) the probes are the
/// scene's own reset states and steps; without, synthetic ones (mid-range joints, training means,
/// grey images), and the checks that need the scene are skipped.
/// </summary>
public static class PolicyPreflight
{
    public static PreflightReport Run(OnnxPolicy policy, PreflightContext ctx, out IReadOnlyList<PreflightFinding> findings)
    {
        var found = new List<PreflightFinding>();
        var skipped = new Dictionary<PreflightCheck, string>();
        var spec = ctx.Spec;
        var provided = FeatureCheck.EnvironmentFeatures(spec);
        found.AddRange(FeatureCheck.Run(policy, spec));
        found.AddRange(DimensionCheck.Run(policy, spec, provided));
        var envFeatures = policy.Bindings.Select(b => b.EnvFeature).Where(provided.Contains).ToList();
        // Training means by environment feature name, for vectors the robot spec cannot describe.
        var means = policy.Bindings.Where(b => !b.IsImage && policy.Package.Stats.For(b.Spec.Feature)?.Mean is not null)
            .GroupBy(b => b.EnvFeature).ToDictionary(g => g.Key, g => policy.Package.Stats.For(g.First().Spec.Feature)!.Mean!);
        var mid = ProbeObservation.Build(spec, envFeatures, 0.5, means);
        found.AddRange(StatsCheck.Run(policy, spec, mid));
        found.AddRange(ImageRangeCheck.Run(policy));
        found.AddRange(CameraKindCheck.Run(policy, spec));
        found.AddRange(UnitsCheck.Run(policy, spec));
        found.AddRange(StatsConsistencyCheck.Run(policy, spec));
        found.AddRange(ExecutionChecks.ControlRate(policy, spec));
        if (policy.Package.Manifest.Fps is null) skipped[PreflightCheck.ControlRate] = "policy.json declares no fps";
        if (ctx.HasObservations)
        {
            found.AddRange(ObservedRangeCheck.Run(policy, ctx));
            found.AddRange(CameraAssignmentCheck.Run(policy, ctx));
        }

        bool runnable = found.All(f => f.Check is not (PreflightCheck.MissingFeatures or PreflightCheck.DimensionMismatch));
        var inferred = new[] { PreflightCheck.Reference, PreflightCheck.FirstAction, PreflightCheck.ActionRange, PreflightCheck.ChunkLength, PreflightCheck.EpisodeState };
        if (!runnable)
            foreach (var c in inferred) skipped[c] = "the model cannot run against this robot (see the failures above)";
        else
        {
            try
            {
                if (policy.Package.Reference is { } reference) found.AddRange(ReferenceCheck.Run(policy, spec, reference));
                else skipped[PreflightCheck.Reference] = "the package has no reference.json";

                var typical = ProbeObservation.Typical(spec, envFeatures, means);
                var probes = ctx.HasObservations ? ctx.ResetObservations : [typical];
                var atReset = probes.Select(o => { policy.Reset(); return (o, policy.Infer(o, ctx.TaskText)); }).ToList();
                if (!ctx.HasObservations) skipped[PreflightCheck.FirstAction] = "no observations from the scene";
                else if (spec.ActionRepresentation.Kind != ActionKind.AbsoluteJoints) skipped[PreflightCheck.FirstAction] = $"the robot takes {spec.ActionRepresentation.Kind} actions";
                else if (atReset[0].Item2.Dim != spec.ActionDim || atReset.Any(x => x.o.State.Length != spec.ActionDim))
                    skipped[PreflightCheck.FirstAction] = "state and action sizes differ";
                else found.AddRange(FirstActionCheck.Run(policy, spec, atReset));

                found.AddRange(ActionRangeCheck.Run(policy, spec, atReset[0].Item2, ctx.HasObservations ? "a reset state of the scene" : "a typical probe observation"));
                found.AddRange(ExecutionChecks.ChunkLength(policy, atReset[0].Item2.Length));
                var (first, other) = ctx.HasObservations && probes.Count > 1 ? (probes[0], probes[1]) : (mid, ProbeObservation.Build(spec, envFeatures, 0.25));
                found.AddRange(EpisodeStateCheck.Run(policy, first, other, ctx.TaskText));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                found.Add(new PreflightFinding(PreflightCheck.DimensionMismatch, $"a probe inference failed: {ex.Message}"));
            }
            finally { policy.Reset(); }
        }
        if (!ctx.HasObservations)
            foreach (var c in new[] { PreflightCheck.ObservedRange, PreflightCheck.CameraAssignment }) skipped[c] = "no observations from the scene";

        findings = found;
        var results = new List<PreflightResult>();
        foreach (var check in Enum.GetValues<PreflightCheck>())
        {
            var mine = found.Where(f => f.Check == check).ToList();
            if (mine.Count > 0) results.AddRange(mine.Select(f => new PreflightResult(check.ToString(), f.Warning ? PreflightStatus.Warn : PreflightStatus.Fail, f.Message)));
            else if (skipped.TryGetValue(check, out var why)) results.Add(new PreflightResult(check.ToString(), PreflightStatus.Skipped, why));
            else results.Add(new PreflightResult(check.ToString(), PreflightStatus.Pass));
        }
        return new PreflightReport(policy.Name, results, policy.Options.Force);
    }
}
