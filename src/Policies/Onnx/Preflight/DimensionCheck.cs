using Harness.Core.Robots;

namespace Harness.Policies.Onnx.Preflight;

/// <summary>(b) State, action and image sizes must agree between robot, model and statistics.</summary>
internal static class DimensionCheck
{
    public static IEnumerable<PreflightFinding> Run(OnnxPolicy policy, RobotSpec spec, ISet<string> provided)
    {
        foreach (var b in policy.Bindings.Where(b => provided.Contains(b.EnvFeature)))
        {
            int expectedRank = (b.IsImage ? 4 : 2) + (b.NObsSteps > 1 ? 1 : 0);
            if (b.Tensor.Shape.Count != expectedRank)
            {
                yield return new PreflightFinding(PreflightCheck.DimensionMismatch,
                    $"model input {b.Tensor} has rank {b.Tensor.Shape.Count}; policy.json implies rank {expectedRank} " +
                    $"({(b.IsImage ? "batch, " + (b.NObsSteps > 1 ? "history, " : "") + (b.Spec.Layout == ImageLayout.Nchw ? "C, H, W" : "H, W, C") : "batch, " + (b.NObsSteps > 1 ? "history, " : "") + "values")}). " +
                    "Fix the layout / n_obs_steps in policy.json or re-export the model.");
                continue;
            }
            if (b.IsImage)
            {
                var cam = spec.Camera(FeatureNames.CameraOf(b.EnvFeature));
                if (cam is null) continue;
                if (b.ModelChannels is { } c && c != 3)
                    yield return new PreflightFinding(PreflightCheck.DimensionMismatch,
                        $"model input {b.Tensor} takes {c} channels; camera '{cam.Name}' delivers 3 (RGB). Check the layout ({b.Spec.Layout.ToString().ToUpperInvariant()}) in policy.json.");
                var fed = b.ImageSizeFor(cam.Height, cam.Width);
                var s = b.Tensor.Shape;
                long mh = b.Spec.Layout == ImageLayout.Nchw ? s[^2] : s[^3], mw = b.Spec.Layout == ImageLayout.Nchw ? s[^1] : s[^2];
                if (b.Spec.Resize is null && (fed.Height != cam.Height || fed.Width != cam.Width))
                    yield return new PreflightFinding(PreflightCheck.DimensionMismatch,
                        $"camera '{cam.Name}' renders {cam.Height}x{cam.Width}; model input {b.Tensor} expects {mh}x{mw} and policy.json declares no resize. " +
                        $"Add \"resize\": [{mh}, {mw}] to the input in policy.json (what the training pipeline did), or render the camera at that size.");
                else if ((mh > 0 && mh != fed.Height) || (mw > 0 && mw != fed.Width))
                    yield return new PreflightFinding(PreflightCheck.DimensionMismatch,
                        $"policy.json resizes '{b.Spec.Feature}' to {fed}; model input {b.Tensor} expects {mh}x{mw}. Fix resize in policy.json.");
                if (!b.Normalizer.IsIdentity && b.Normalizer.Dim != 3)
                    yield return new PreflightFinding(PreflightCheck.DimensionMismatch,
                        $"stats.json has {b.Normalizer.Dim} channel statistics for '{b.Spec.Feature}'; camera images have 3 channels.");
                continue;
            }

            int? envDim = ProbeObservation.EnvironmentDim(spec, b.EnvFeature);
            int? modelDim = b.ModelStateDim;
            int? statsDim = b.Normalizer.IsIdentity ? null : b.Normalizer.Dim;
            var sizes = new[] { envDim, modelDim, statsDim }.Where(x => x is not null).Distinct().ToList();
            if (sizes.Count > 1)
            {
                string names = b.EnvFeature == FeatureNames.State ? $" ({string.Join(", ", spec.Joints.Select(j => j.Key))})" : "";
                yield return new PreflightFinding(PreflightCheck.DimensionMismatch,
                    $"state dimension mismatch for '{b.Spec.Feature}': the robot ({spec.RobotType}) provides {envDim?.ToString() ?? "?"} values{names}, " +
                    $"the model expects {modelDim?.ToString() ?? "any number"} (input {b.Tensor})" +
                    (statsDim is null ? "" : $", stats.json has {statsDim}") +
                    ". The policy was trained for a different robot or state layout; use a matching package or environment.");
            }
        }

        var output = policy.OutputTensor;
        int? modelActions = output.Shape.Count > 0 && output.Shape[^1] > 0 ? (int)output.Shape[^1] : null;
        int? statsActions = policy.ActionNormalizer.IsIdentity ? null : policy.ActionNormalizer.Dim;
        if ((modelActions is { } ma && ma != spec.ActionDim) || (statsActions is { } sa && sa != spec.ActionDim))
            yield return new PreflightFinding(PreflightCheck.DimensionMismatch,
                $"action dimension mismatch: the robot ({spec.RobotType}) takes {spec.ActionDim} values ({string.Join(", ", spec.Joints.Select(j => j.Key))}), " +
                $"the model outputs {modelActions?.ToString() ?? "a dynamic number of"} (output {output})" +
                (statsActions is null ? "" : $", stats.json has {statsActions} for '{policy.ActionNormalizer.Feature}'") +
                ". The policy was trained for a different robot; use a matching package or environment.");
    }
}
