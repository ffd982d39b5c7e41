using System.Diagnostics;
using System.Text;
using Harness.Eval.Sweeps.Serving;

namespace Harness.Eval.Sweeps.Slurm;

/// <summary>How a sweep is handed to Slurm: shard count, tasks running at once (<c>%K</c>), extra sbatch options.</summary>
public sealed record SlurmOptions(int Shards, int? ArrayParallelism = null, string? SbatchArgs = null, string Sbatch = "sbatch");

/// <summary>A shard task that did not finish: its exit status (if it wrote one), its log and the log's last lines.</summary>
public sealed record FailedShard(int Index, string Status, string LogPath, string LogTail);

/// <summary>
/// A sweep as a Slurm job array in <c>DIR/slurm/</c>: <c>sweep.sbatch</c> runs
/// <c>harness sweep ... --shard $SLURM_ARRAY_TASK_ID/N --out DIR/slurm/shard_$SLURM_ARRAY_TASK_ID</c>
/// (outputs on the shared filesystem), logs go to <c>logs/shard_%a.log</c>, and each task writes its
/// exit status to <c>status/shard_I.exit</c>. <see cref="Submit"/> sends only the shards whose
/// sweep.json does not say complete (<c>sbatch --array=1,3</c> on a second try) and waits with
/// <c>sbatch --wait</c>.
/// </summary>
public sealed class SlurmArrayJob(string sweepDir, SlurmOptions options)
{
    public string Folder => Path.Combine(Path.GetFullPath(sweepDir), "slurm");
    public string ScriptPath => Path.Combine(Folder, "sweep.sbatch");
    public string ShardDir(int i) => Path.Combine(Folder, $"shard_{i}");
    public string LogPath(int i) => Path.Combine(Folder, "logs", $"shard_{i}.log");
    public string StatusPath(int i) => Path.Combine(Folder, "status", $"shard_{i}.exit");

    public IReadOnlyList<string> ShardDirs => Enumerable.Range(0, options.Shards).Select(ShardDir).ToList();

    /// <summary>Shards whose output does not say complete (all of them on the first submission).</summary>
    public IReadOnlyList<int> Unfinished() =>
        Enumerable.Range(0, options.Shards).Where(i => SweepManifest.TryRead(ShardDir(i))?.Result is not { Complete: true }).ToList();

    /// <summary>Writes sweep.sbatch. <paramref name="shardCommand"/> is the harness command line without --shard and --out.</summary>
    public void WriteScript(string harness, IReadOnlyList<string> shardCommand, string workingDirectory)
    {
        Directory.CreateDirectory(Path.Combine(Folder, "logs"));
        Directory.CreateDirectory(Path.Combine(Folder, "status"));
        string Q(string s) => ServeTemplate.ShellQuote(s);
        var sb = new StringBuilder();
        sb.Append("#!/bin/bash\n");
        sb.Append("#SBATCH --job-name=harness-sweep\n");
        sb.Append($"#SBATCH --output={Path.Combine(Folder, "logs", "shard_%a.log")}\n");
        sb.Append("# Written by `harness sweep --slurm`: one array task per shard; outputs on the shared filesystem.\n");
        sb.Append("set -u\n");
        sb.Append("SHARD=\"${SLURM_ARRAY_TASK_ID:?run this script as a Slurm array task (sbatch --array)}\"\n");
        sb.Append($"cd {Q(workingDirectory)} || exit 1\n");
        sb.Append($"{Q(harness)} {string.Join(" ", shardCommand.Select(Q))} --shard \"$SHARD/{options.Shards}\" --out {Q(Folder)}\"/shard_$SHARD\"\n");
        sb.Append("code=$?\n");
        sb.Append($"echo \"$code\" > {Q(Path.Combine(Folder, "status"))}\"/shard_$SHARD.exit.tmp\" && mv {Q(Path.Combine(Folder, "status"))}\"/shard_$SHARD.exit.tmp\" {Q(Path.Combine(Folder, "status"))}\"/shard_$SHARD.exit\"\n");
        sb.Append("exit $code\n");
        File.WriteAllText(ScriptPath, sb.ToString());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(ScriptPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    /// <summary>
    /// Submits the given shards as one array and waits for it (<c>sbatch --parsable --wait</c>);
    /// <paramref name="poll"/> runs every 2 s meanwhile (progress). Returns the shards that did not finish.
    /// </summary>
    public IReadOnlyList<FailedShard> Submit(IReadOnlyList<int> shards, Action<string> log, Action? poll = null, CancellationToken cancel = default)
    {
        foreach (var i in shards) File.Delete(StatusPath(i));
        string array = string.Join(",", shards) + (options.ArrayParallelism is { } k ? $"%{k}" : "");
        var psi = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        // The user's --sbatch-args are shell words (e.g. --partition=gpu --gres=gpu:1 --time=2:00:00).
        foreach (var a in new[] { "-c", $"exec \"$0\" --parsable --wait --array=\"$1\" {options.SbatchArgs ?? ""} \"$2\"", options.Sbatch, array, ScriptPath })
            psi.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"could not run sbatch ({e.Message}); is Slurm installed here? (scripts/slurm-local.sh start brings up a single-node Slurm.)", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadLineAsync(cancel);
            var stderr = process.StandardError.ReadToEndAsync(cancel);
            bool announced = false;
            using var reg = cancel.Register(() => { try { process.Kill(); } catch (InvalidOperationException) { } });
            while (!process.WaitForExit(2000))
            {
                if (!announced && stdout.IsCompleted)
                {
                    log($"submitted job array {stdout.Result?.Split(';')[0]} (shards {array}); waiting for it (sbatch --wait)");
                    announced = true;
                }
                poll?.Invoke();
            }
            process.WaitForExit();
            poll?.Invoke();
            cancel.ThrowIfCancellationRequested();
            string jobId = stdout.IsCompletedSuccessfully ? stdout.Result?.Split(';')[0] ?? "" : "";
            if (jobId.Length == 0 || !jobId.All(char.IsAsciiDigit))
                throw new InvalidOperationException(
                    $"sbatch did not submit the job array (exit code {process.ExitCode}): {stderr.Result.Trim()}. " +
                    "Check that Slurm answers (`sinfo`; scripts/slurm-local.sh start on a single machine) and that --sbatch-args are valid.");
            if (!announced) log($"job array {jobId} (shards {array}) finished");
        }
        var failed = new List<FailedShard>();
        foreach (var i in shards)
        {
            if (SweepManifest.TryRead(ShardDir(i))?.Result is { Complete: true }) continue;
            string status = File.Exists(StatusPath(i))
                ? $"exit code {File.ReadAllText(StatusPath(i)).Trim()}"
                : "no exit status (the task never started or was killed: time limit, memory, node failure or scancel)";
            failed.Add(new FailedShard(i, status, LogPath(i), PolicyServerProcess.Tail(LogPath(i), 8)));
        }
        return failed;
    }
}
