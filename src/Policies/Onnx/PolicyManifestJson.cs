using Harness.Core.Actions;
using Harness.Core.Robots;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Harness.Policies.Native;

namespace Harness.Policies.Onnx;

/// <summary>
/// Reads and writes <c>policy.json</c>. The file is parsed into plain DTOs first and then
/// validated field by field, so every error names the field, the value found and what is allowed.
/// </summary>
public static class PolicyManifestJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static PolicyManifest Load(string path)
    {
        Dto? dto;
        try { dto = JsonSerializer.Deserialize<Dto>(File.ReadAllText(path), Options); }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a valid policy.json: {ex.Message}. See src/Policies/Onnx/README.md for the format.", ex);
        }
        if (dto is null) throw new InvalidDataException($"{path} is empty; expected a policy.json object.");
        return FromDto(dto, path);
    }

    public static string Serialize(PolicyManifest m) => JsonSerializer.Serialize(ToDto(m), Options);

    public static void Save(PolicyManifest m, string path) => File.WriteAllText(path, Serialize(m));

    private static PolicyManifest FromDto(Dto d, string where)
    {
        InvalidDataException Bad(string field, string found, string expected) =>
            new($"{where}: {field} is {found}; expected {expected}.");

        if (d.Format is not null && d.Format != PolicyManifest.Format)
            throw Bad("format", $"'{d.Format}'", $"'{PolicyManifest.Format}'");
        if (d.Inputs is null || d.Inputs.Count == 0) throw Bad("inputs", "missing or empty", "a list of model inputs");
        var inputs = new List<PolicyInput>();
        for (int i = 0; i < d.Inputs.Count; i++)
        {
            var x = d.Inputs[i];
            string f = $"inputs[{i}]";
            if (string.IsNullOrWhiteSpace(x.Tensor)) throw Bad($"{f}.tensor", "missing", "the ONNX input name");
            if (string.IsNullOrWhiteSpace(x.Feature)) throw Bad($"{f}.feature", "missing", "an observation feature such as observation.state or observation.images.top");
            var kind = x.Kind?.ToLowerInvariant() switch
            {
                "state" => InputKind.State,
                "image" => InputKind.Image,
                null => Harness.Core.Robots.FeatureNames.IsImage(x.Feature) ? InputKind.Image : InputKind.State,
                _ => throw Bad($"{f}.kind", $"'{x.Kind}'", "'state' or 'image'"),
            };
            var dtype = x.Dtype?.ToLowerInvariant() switch
            {
                null or "float32" => TensorElementType.Float32,
                "uint8" => TensorElementType.UInt8,
                _ => throw Bad($"{f}.dtype", $"'{x.Dtype}'", "'float32' or 'uint8'"),
            };
            var layout = x.Layout?.ToUpperInvariant() switch
            {
                null or "NCHW" => ImageLayout.Nchw,
                "NHWC" => ImageLayout.Nhwc,
                _ => throw Bad($"{f}.layout", $"'{x.Layout}'", "'NCHW' or 'NHWC'"),
            };
            ValueRange? range = null;
            if (kind == InputKind.Image)
            {
                range = x.ValueRange switch
                {
                    null => dtype == TensorElementType.UInt8 ? ValueRange.Byte : ValueRange.Unit,
                    [0, 1] => ValueRange.Unit,
                    [0, 255] => ValueRange.Byte,
                    _ => throw Bad($"{f}.value_range", $"[{string.Join(",", x.ValueRange)}]", "[0,1] or [0,255]"),
                };
                if (dtype == TensorElementType.UInt8 && range != ValueRange.Byte)
                    throw Bad($"{f}.value_range", range.ToString(), "[0,255] for a uint8 image (uint8 pixels cannot hold [0,1] values)");
            }
            else if (dtype != TensorElementType.Float32)
                throw Bad($"{f}.dtype", $"'{x.Dtype}'", "'float32' for a state input");
            ImageSize? resize = x.Resize switch
            {
                null => null,
                [> 0, > 0] => new ImageSize(x.Resize[0], x.Resize[1]),
                _ => throw Bad($"{f}.resize", $"[{string.Join(",", x.Resize)}]", "[height, width] with positive sizes"),
            };
            if (x.FovyDeg is { } fov && (kind != InputKind.Image || !(fov > 0 && fov < 180)))
                throw Bad($"{f}.fovy_deg", fov.ToString(System.Globalization.CultureInfo.InvariantCulture), "the vertical field of view (degrees, 0-180) of the camera an image input was trained with");
            inputs.Add(new PolicyInput(x.Tensor, x.Feature, kind, dtype, layout, range, resize, x.FovyDeg));
        }
        foreach (var dup in inputs.GroupBy(i => i.Tensor).Where(g => g.Count() > 1))
            throw Bad("inputs", $"tensor '{dup.Key}' listed {dup.Count()} times", "each ONNX input once");

        if (d.Output is null || string.IsNullOrWhiteSpace(d.Output.Tensor)) throw Bad("output.tensor", "missing", "the ONNX output holding the actions");
        var form = d.Output.Shape?.Replace(" ", "").ToUpperInvariant() switch
        {
            "[1,T,A]" => OutputForm.Chunk,
            "[1,A]" => OutputForm.Single,
            _ => throw Bad("output.shape", $"'{d.Output.Shape}'", "'[1,T,A]' (a chunk) or '[1,A]' (one action)"),
        };
        var output = new PolicyOutput(d.Output.Tensor, form, d.Output.Feature ?? Harness.Core.Robots.FeatureNames.Action);

        var norm = new Dictionary<string, NormalizationMode>(StringComparer.Ordinal);
        foreach (var (feature, mode) in d.Normalization ?? [])
            norm[feature] = mode.ToLowerInvariant() switch
            {
                "identity" or "none" => NormalizationMode.Identity,
                "mean_std" => NormalizationMode.MeanStd,
                "min_max" => NormalizationMode.MinMax,
                "quantile" or "quantiles" => NormalizationMode.Quantile,
                _ => throw Bad($"normalization.{feature}", $"'{mode}'", "'mean_std', 'min_max', 'quantile' or 'identity'"),
            };

        if (d.NActionSteps is not > 0) throw Bad("n_action_steps", d.NActionSteps?.ToString(CultureInfo.InvariantCulture) ?? "missing", "a positive number of actions to execute per query");
        if (d.NObsSteps is <= 0) throw Bad("n_obs_steps", d.NObsSteps.Value.ToString(CultureInfo.InvariantCulture), "a positive number (default 1)");
        if (d.TemporalEnsembleCoeff is { } c && (c < 0 || double.IsNaN(c))) throw Bad("temporal_ensemble_coeff", c.ToString(CultureInfo.InvariantCulture), "a number >= 0");
        if (d.TemporalEnsembleCoeff is not null && d.NActionSteps != 1)
            throw Bad("n_action_steps", d.NActionSteps.ToString()!, "1 when temporal_ensemble_coeff is set (ensembling queries the policy every step, as in LeRobot's ACT)");
        if (form == OutputForm.Single && d.NActionSteps != 1)
            throw Bad("n_action_steps", d.NActionSteps.ToString()!, "1 for a single-action output '[1,A]'");

        var ck = d.Checkpoint is null ? null : new CheckpointInfo(d.Checkpoint.Name, d.Checkpoint.TrainingStep ?? d.TrainingStep, d.Checkpoint.Source, d.Checkpoint.Run);
        if (ck is null && d.TrainingStep is not null) ck = new CheckpointInfo(TrainingStep: d.TrainingStep);
        if (d.Fps is { } fps && !(fps > 0)) throw Bad("fps", fps.ToString(CultureInfo.InvariantCulture), "the control rate the policy was trained at, in Hz (> 0)");
        if (d.ActionStateSpread is { } spread && spread.Any(v => !(v >= 0)))
            throw Bad("action_state_spread", $"[{string.Join(", ", spread)}]", "one non-negative number per action dimension");
        ActionRepresentation? space = null;
        if (d.ActionSpace is { } text)
            try { space = ActionSpaces.Parse(text); }
            catch (ArgumentException) { throw Bad("action_space", $"'{text}'", string.Join(", ", ActionSpaces.Forms)); }
        var units = new Dictionary<string, UnitDeclaration>(StringComparer.Ordinal);
        foreach (var (element, declared) in d.Units ?? [])
            try { units[element] = UnitDeclaration.Parse(declared); }
            catch (ArgumentException e) { throw Bad($"units.{element}", $"'{declared}'", $"UNIT[,open=V][,scale=S] ({e.Message})"); }
        return new PolicyManifest(inputs, output, norm, d.NActionSteps.Value, d.TemporalEnsembleCoeff, d.NObsSteps ?? 1, ck, d.Fps, d.ActionStateSpread,
            space, units.Count > 0 ? units : null);
    }

    private static Dto ToDto(PolicyManifest m) => new()
    {
        Format = PolicyManifest.Format,
        Inputs = m.Inputs.Select(i => new InputDto
        {
            Tensor = i.Tensor,
            Feature = i.Feature,
            Kind = i.Kind == InputKind.Image ? "image" : "state",
            Dtype = i.DType.OnnxName(),
            Layout = i.Kind == InputKind.Image ? (i.Layout == ImageLayout.Nchw ? "NCHW" : "NHWC") : null,
            ValueRange = i.Range is { } r ? [(int)r.Min, (int)r.Max] : null,
            Resize = i.Resize is { } s ? [s.Height, s.Width] : null,
            FovyDeg = i.FovYDeg,
        }).ToList(),
        ActionSpace = m.ActionSpace is { } a ? ActionSpaces.NameOf(a) : null,
        Units = m.Units?.ToDictionary(kv => kv.Key, kv => kv.Value.ToString()),
        Output = new OutputDto { Tensor = m.Output.Tensor, Feature = m.Output.Feature, Shape = m.Output.Form == OutputForm.Chunk ? "[1,T,A]" : "[1,A]" },
        Normalization = m.Normalization.ToDictionary(kv => kv.Key, kv => kv.Value switch
        {
            NormalizationMode.MeanStd => "mean_std",
            NormalizationMode.MinMax => "min_max",
            NormalizationMode.Quantile => "quantile",
            _ => "identity",
        }),
        NActionSteps = m.NActionSteps,
        NObsSteps = m.NObsSteps == 1 ? null : m.NObsSteps,
        TemporalEnsembleCoeff = m.TemporalEnsembleCoeff,
        Checkpoint = m.Checkpoint is { } c ? new CheckpointDto { Name = c.Name, TrainingStep = c.TrainingStep, Source = c.Source, Run = c.Run } : null,
        Fps = m.Fps,
        ActionStateSpread = m.ActionStateSpread,
    };

    private sealed class Dto
    {
        public string? Format { get; set; }
        public List<InputDto>? Inputs { get; set; }
        public OutputDto? Output { get; set; }
        public Dictionary<string, string>? Normalization { get; set; }
        public int? NActionSteps { get; set; }
        public int? NObsSteps { get; set; }
        public double? TemporalEnsembleCoeff { get; set; }
        public CheckpointDto? Checkpoint { get; set; }
        public long? TrainingStep { get; set; }
        public double? Fps { get; set; }
        public double[]? ActionStateSpread { get; set; }
        public string? ActionSpace { get; set; }
        public Dictionary<string, string>? Units { get; set; }
    }

    private sealed class InputDto
    {
        public string? Tensor { get; set; }
        public string? Feature { get; set; }
        public string? Kind { get; set; }
        public string? Dtype { get; set; }
        public string? Layout { get; set; }
        public int[]? ValueRange { get; set; }
        public int[]? Resize { get; set; }
        public double? FovyDeg { get; set; }
    }

    private sealed class OutputDto
    {
        public string? Tensor { get; set; }
        public string? Feature { get; set; }
        public string? Shape { get; set; }
    }

    private sealed class CheckpointDto
    {
        public string? Name { get; set; }
        public long? TrainingStep { get; set; }
        public string? Source { get; set; }
        public string? Run { get; set; }
    }
}
