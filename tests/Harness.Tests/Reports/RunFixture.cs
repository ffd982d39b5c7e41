using Harness.Core.Policies;
using Harness.Core.Tasks;
using Harness.Eval.Runs;

namespace Harness.Tests.Reports;

/// <summary>What a fixture run looks like; episodes are simulated deterministically from it.</summary>
public sealed record RunSpec(string Policy, double SuccessProbability)
{
    public string Scene { get; init; } = "so101_pick_cube";
    public string Task { get; init; } = "pick the red cube and place it in the bin";
    public string? Checkpoint { get; init; }
    public long? TrainingStep { get; init; }
    public int Seed { get; init; } = 7;
    public int Episodes { get; init; } = 40;
    public bool Complete { get; init; } = true;
    public int EpisodesRequested { get; init; }
    public bool WithLatency { get; init; } = true;
    public int ErrorEpisodes { get; init; }
    public bool ExtraColumn { get; init; } = true;
    public int Videos { get; init; }
    public int WhiskerStills { get; init; }
    /// <summary>The sha256 of the scene's files; by default one per scene name (same scene, same files).</summary>
    public string? SceneSha { get; init; }
    /// <summary>No scene identity at all, as in run.json format 1.</summary>
    public bool NoSceneIdentity { get; init; }
    public RunSettings Settings { get; init; } = new();
    /// <summary>The training run of the checkpoint (default: the policy name).</summary>
    public string? CheckpointRun { get; init; }
    /// <summary>Why the run stopped early (the run is then incomplete).</summary>
    public string? Stopped { get; init; }
    public string HarnessVersion { get; init; } = "0.1.0";
    /// <summary>Exact outcomes by episode (true = SUCCESS, false = NEVER_PICKED_UP) instead of simulated ones.</summary>
    public bool[]? Pattern { get; init; }
}

/// <summary>
/// Writes run directories with <c>harness eval</c>'s own RunDirectoryWriter, from simulated episodes. Episode difficulty depends on the
/// episode seed only, so two policies on the same seeds have correlated outcomes, as on a real scene.
/// </summary>
public static class RunFixture
{
    public const int MaxSteps = 400;

    /// <summary>The fixture's own task schema (written here, not taken from the scene code under test).</summary>
    public static readonly TaskSchema Schema = new("fixture-pick-place", "fixture task with pick-and-place classes",
        [
            OutcomeClass.Success("fixture success"),
            new("NEVER_PICKED_UP", "fixture: never lifted", 1),
            new("DROPPED_DURING_TRANSPORT", "fixture: dropped", 2),
            new("MISSED_GOAL", "fixture: placed elsewhere", 3),
            new("TIMEOUT", "fixture: still held at the limit", 4),
        ],
        [
            MetricSpec.Flag("picked_up", "fixture flag"),
            MetricSpec.Flag("dropped", "fixture flag"),
            new("max_object_height_m", "m", "fixture height", [MetricAggregation.Mean]),
            new("time_to_pick_s", "s", "fixture time", [MetricAggregation.P50]),
            new("final_goal_distance_m", "m", "fixture distance", [MetricAggregation.Mean]),
        ]);

    public static RunDirectory Write(string dir, RunSpec spec)
    {
        // The same writer `harness eval` uses, so fixtures have exactly the real file format.
        var header = new RunSummary
        {
            Scene = spec.Scene,
            Task = spec.Task,
            Policy = spec.Policy,
            SceneIdentity = spec.NoSceneIdentity ? null : new SceneIdentity(spec.Scene, null, spec.SceneSha ?? Sha256(spec.Scene)),
            Checkpoint = spec.Checkpoint is null && spec.TrainingStep is null ? null
                : new CheckpointIdentity(CheckpointIdentity.Package, spec.Checkpoint ?? spec.Policy, TrainingStep: spec.TrainingStep, Run: spec.CheckpointRun ?? spec.Policy),
            Settings = spec.Settings,
            Seed = spec.Seed,
            EpisodesRequested = spec.EpisodesRequested > 0 ? spec.EpisodesRequested : spec.Pattern?.Length ?? spec.Episodes,
            Workers = 2,
            HarnessVersion = spec.HarnessVersion,
            MujocoVersion = "2.2.2",
            StartedAt = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
        };
        using (var writer = RunDirectoryWriter.Create(dir, header, Schema, spec.ExtraColumn ? WhiskerColumns : []))
        {
            foreach (var row in Simulate(spec))
            {
                var latencies = row.PolicyLatencyMsP50 is double p50 ? Enumerable.Range(0, row.PolicyCalls).Select(i => p50 * (0.9 + 0.2 * (i % 5) / 4)) : [];
                writer.Add(spec.ExtraColumn ? row : row with { Extra = new Dictionary<string, double?>() }, latencies);
            }
            if (spec.Stopped is { } why) writer.Stop(why, header.StartedAt.AddMinutes(20), 1200);
            else if (spec.Complete) writer.Complete(header.StartedAt.AddMinutes(20), 1200);
        }
        if (spec.Videos > 0)
        {
            Directory.CreateDirectory(Path.Combine(dir, "videos"));
            for (int i = 0; i < spec.Videos; i++) File.WriteAllBytes(Path.Combine(dir, "videos", $"episode_{i:D3}.mp4"), [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70]);
        }
        if (spec.WhiskerStills > 0)
        {
            var w = Path.Combine(dir, "whiskers", "episode_000");
            Directory.CreateDirectory(w);
            for (int i = 0; i < spec.WhiskerStills; i++) File.WriteAllBytes(Path.Combine(w, $"step_{i * 25:D4}.png"), TestPng.Make(96, 64, i));
        }
        return RunDirectoryReader.Read(dir);
    }

    public static IReadOnlyList<EpisodeRow> Simulate(RunSpec spec)
    {
        var policyRng = new Random(StableHash($"{spec.Policy}|{spec.Checkpoint}|{spec.TrainingStep}"));
        var rows = new List<EpisodeRow>();
        for (int i = 0; i < (spec.Pattern?.Length ?? spec.Episodes); i++)
        {
            int seed = spec.Seed * 1000 + i;
            double difficulty = new Random(seed).NextDouble();
            // Mostly the initial state decides; a little policy noise makes the pairs disagree sometimes.
            double score = 0.8 * difficulty + 0.2 * policyRng.NextDouble();
            bool error = i < spec.ErrorEpisodes;
            bool success = !error && (spec.Pattern is { } pattern ? pattern[i] : score < spec.SuccessProbability);
            string outcome = error ? "ERROR" : success ? "SUCCESS" : spec.Pattern is not null ? "NEVER_PICKED_UP" : (policyRng.Next(4)) switch
            {
                0 => "NEVER_PICKED_UP",
                1 => "DROPPED_DURING_TRANSPORT",
                2 => "MISSED_GOAL",
                _ => "TIMEOUT",
            };
            bool picked = outcome is "SUCCESS" or "DROPPED_DURING_TRANSPORT" or "MISSED_GOAL";
            int steps = outcome switch
            {
                "TIMEOUT" => MaxSteps,
                "ERROR" => policyRng.Next(1, 30),
                "SUCCESS" => 150 + policyRng.Next(120),
                _ => 90 + policyRng.Next(250),
            };
            rows.Add(new EpisodeRow
            {
                Episode = i,
                Seed = seed,
                Outcome = outcome,
                Success = success,
                Steps = steps,
                Metrics = new Dictionary<string, double?>
                {
                    ["picked_up"] = error ? null : picked ? 1 : 0,
                    ["dropped"] = error ? null : outcome == "DROPPED_DURING_TRANSPORT" ? 1 : 0,
                    ["max_object_height_m"] = error ? null : picked ? 0.05 + 0.1 * policyRng.NextDouble() : 0.02 * policyRng.NextDouble(),
                    ["time_to_pick_s"] = picked ? 1 + 3 * policyRng.NextDouble() : null,
                    ["final_goal_distance_m"] = error ? null : success ? 0.01 * policyRng.NextDouble() : 0.05 + 0.2 * policyRng.NextDouble(),
                },
                PolicyCalls = (steps + 9) / 10,
                PolicyLatencyMsP50 = spec.WithLatency ? 8 + 4 * policyRng.NextDouble() : null,
                WallS = steps / 30.0,
                Error = error ? "policy server closed the connection (1011)" : null,
                Extra = new Dictionary<string, double?>
                {
                    ["whisker_consistency_mean_m"] = error ? null : 0.01 + 0.02 * policyRng.NextDouble(),
                    ["whisker_action_jump_max_range"] = error ? null : 0.3 * policyRng.NextDouble(),
                    ["whisker_sample_spread_mean_m"] = null,
                },
            });
        }
        return rows;
    }

    /// <summary>The whisker columns the fixture writes (names as `harness eval --whisker-metrics` writes them).</summary>
    public static readonly string[] WhiskerColumns = ["whisker_consistency_mean_m", "whisker_action_jump_max_range", "whisker_sample_spread_mean_m"];

    public static string Sha256(string s) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(s)));

    // string.GetHashCode is randomised per process; fixtures must be the same in every run.
    private static int StableHash(string s)
    {
        uint h = 2166136261;
        foreach (char c in s) h = (h ^ c) * 16777619;
        return (int)(h & 0x7fffffff);
    }

}
