using System.Text.Json;
using Harness.Core.Hashing;
using Harness.Core.Policies;

namespace Harness.Eval.Sweeps;

/// <summary>
/// Turns <c>--checkpoints</c> into the sweep's checkpoints: a text file of policy specs (one per line,
/// <c>#</c> comments; <c>onnx:DIR</c>, <c>openpi:ws://HOST:PORT</c>, <c>scripted...</c> or a bare folder),
/// a folder pattern (<c>policies/so101_state_mlp*</c>) or one folder. A bare folder is a policy package
/// (model.onnx) or, with <c>--serve-cmd</c>, a checkpoint its server loads. Folder paths are kept as
/// given (relative to the current directory). Each folder's files are hashed so that resumed and
/// sharded sweeps can prove they saw the same weights.
/// </summary>
public static class CheckpointSources
{
    public const string ServeHint = "LeRobot and openpi checkpoints need their own Python stack: pass --serve-cmd \"/usr/bin/python3 scripts/serve_lerobot.py {checkpoint} --port {port}\"";

    public static IReadOnlyList<SweepCheckpoint> Resolve(string arg, bool served)
    {
        IReadOnlyList<string> entries;
        if (File.Exists(arg)) entries = ReadList(arg);
        else if (DirectoryGlob.IsPattern(arg))
        {
            entries = DirectoryGlob.Match(arg);
            if (entries.Count == 0)
                throw new ArgumentException($"--checkpoints '{arg}' matches no folder (run from the folder the pattern is relative to, or give a file listing policy specs).");
        }
        else if (Directory.Exists(arg)) entries = [arg];
        else
            throw new ArgumentException($"--checkpoints '{arg}' is neither a file of policy specs, a folder, nor a folder pattern such as 'policies/so101_state_mlp*'.");
        return FromSpecs(entries.Select(e => ToSpec(e, served)).ToList());
    }

    public static IReadOnlyList<SweepCheckpoint> FromSpecs(IReadOnlyList<(string Spec, bool Served)> specs)
    {
        if (specs.Count == 0) throw new ArgumentException("--checkpoints gave no checkpoint; list at least one.");
        var dupes = specs.GroupBy(s => s.Spec).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (dupes.Length > 0) throw new ArgumentException($"--checkpoints lists {string.Join(", ", dupes)} more than once.");
        var draft = specs.Select(s => new SweepCheckpoint("", s.Spec, s.Served)).ToList();
        var names = CheckpointNames.For(draft.Select(d => (d.Spec, d.Folder)).ToList());
        return draft.Select((d, i) => d.Folder is { } folder
            ? d with { Name = names[i], Sha256 = ContentHash.OfFolder(folder), TrainingStep = StepOf(folder) }
            : d with { Name = names[i] }).ToList();
    }

    private static List<string> ReadList(string path) =>
        File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

    private static (string Spec, bool Served) ToSpec(string entry, bool served)
    {
        if (entry.StartsWith("onnx:", StringComparison.Ordinal) || entry.StartsWith("openpi:", StringComparison.Ordinal) ||
            entry == "scripted" || entry.StartsWith("scripted:", StringComparison.Ordinal))
        {
            if (entry.StartsWith("onnx:", StringComparison.Ordinal) && !Directory.Exists(entry[5..]))
                throw new ArgumentException($"checkpoint '{entry}': folder '{entry[5..]}' does not exist.");
            return (entry, false);
        }
        var folder = entry.TrimEnd('/');
        if (!Directory.Exists(folder))
            throw new ArgumentException($"checkpoint '{entry}' is not a folder, nor a policy spec (onnx:DIR, openpi:ws://HOST:PORT, scripted[:VARIANT]).");
        if (served) return (folder, true);
        if (File.Exists(Path.Combine(folder, "model.onnx"))) return ("onnx:" + folder, false);
        throw new ArgumentException($"'{folder}' is not a policy package (no model.onnx). {ServeHint}.");
    }

    /// <summary>The training step of a checkpoint folder: policy.json's checkpoint.training_step, else the folder's name (045000, step_000500).</summary>
    public static long? StepOf(string folder)
    {
        var manifest = Path.Combine(folder, "policy.json");
        if (File.Exists(manifest))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(manifest), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                if (doc.RootElement.TryGetProperty("checkpoint", out var c) && c.ValueKind == JsonValueKind.Object &&
                    c.TryGetProperty("training_step", out var s) && s.TryGetInt64(out long step))
                    return step;
            }
            catch (JsonException) { /* the policy loader reports a malformed policy.json with its own message */ }
        }
        return CheckpointFamily.StepOf(folder);
    }
}
