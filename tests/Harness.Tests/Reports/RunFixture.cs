using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Harness.Eval.Runs;
using Harness.Eval.Statistics;

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
    public int FirstEpisode { get; init; }
    public bool Complete { get; init; } = true;
    public int EpisodesRequested { get; init; }
    public bool WithLatency { get; init; } = true;
    public int ErrorEpisodes { get; init; }
    public bool ExtraColumn { get; init; } = true;
    public int Videos { get; init; }
    public int WhiskerStills { get; init; }
}

/// <summary>
/// Writes run directories the way <c>harness eval</c> does (run.json from the RunSummary record,
/// episodes.csv with a header row), from simulated episodes. Episode difficulty depends on the
/// episode seed only, so two policies on the same seeds have correlated outcomes, as on a real scene.
/// </summary>
public static class RunFixture
{
    public const int MaxSteps = 400;

    public static RunDirectory Write(string dir, RunSpec spec)
    {
        Directory.CreateDirectory(dir);
        var rows = Simulate(spec);
        WriteEpisodes(Path.Combine(dir, "episodes.csv"), rows, spec.ExtraColumn);
        WriteSummary(Path.Combine(dir, "run.json"), Summarise(spec, rows));
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
        for (int i = spec.FirstEpisode; i < spec.FirstEpisode + spec.Episodes; i++)
        {
            int seed = spec.Seed * 1000 + i;
            double difficulty = new Random(seed).NextDouble();
            // Mostly the initial state decides; a little policy noise makes the pairs disagree sometimes.
            double score = 0.8 * difficulty + 0.2 * policyRng.NextDouble();
            bool error = i - spec.FirstEpisode < spec.ErrorEpisodes;
            bool success = !error && score < spec.SuccessProbability;
            string outcome = error ? "ERROR" : success ? "SUCCESS" : (policyRng.Next(4)) switch
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
                PickedUp = error ? null : picked,
                Dropped = error ? null : outcome == "DROPPED_DURING_TRANSPORT",
                MaxObjectHeightM = error ? null : picked ? 0.05 + 0.1 * policyRng.NextDouble() : 0.02 * policyRng.NextDouble(),
                TimeToPickS = picked ? 1 + 3 * policyRng.NextDouble() : null,
                FinalGoalDistanceM = error ? null : success ? 0.01 * policyRng.NextDouble() : 0.05 + 0.2 * policyRng.NextDouble(),
                PolicyCalls = (steps + 9) / 10,
                PolicyLatencyMsP50 = spec.WithLatency ? 8 + 4 * policyRng.NextDouble() : null,
                WallS = steps / 30.0,
                Error = error ? "policy server closed the connection (1011)" : null,
                Extra = new Dictionary<string, double?> { ["whisker_pred_err_mean"] = error ? null : 0.01 + 0.02 * policyRng.NextDouble() },
            });
        }
        return rows;
    }

    public static RunSummary Summarise(RunSpec spec, IReadOnlyList<EpisodeRow> rows)
    {
        int n = rows.Count, k = rows.Count(r => r.Success);
        var (lo, hi) = WilsonInterval.Compute(k, n);
        var picked = rows.Where(r => r.PickedUp == true).ToList();
        var lat = rows.Where(r => r.PolicyLatencyMsP50 is not null).Select(r => r.PolicyLatencyMsP50!.Value).Order().ToList();
        return new RunSummary
        {
            Scene = spec.Scene,
            Task = spec.Task,
            Policy = spec.Policy,
            Checkpoint = spec.Checkpoint,
            TrainingStep = spec.TrainingStep,
            Seed = spec.Seed,
            Episodes = n,
            EpisodesRequested = spec.EpisodesRequested > 0 ? spec.EpisodesRequested : n,
            Successes = k,
            SuccessRate = n == 0 ? 0 : k / (double)n,
            Ci95 = [lo, hi],
            Outcomes = new SortedDictionary<string, int>(rows.GroupBy(r => r.Outcome).ToDictionary(g => g.Key, g => g.Count())),
            Metrics = new RunMetrics
            {
                PickRate = n == 0 ? null : picked.Count / (double)n,
                DropRate = picked.Count == 0 ? null : picked.Count(r => r.Dropped == true) / (double)picked.Count,
                AvgStepsSuccess = k == 0 ? null : rows.Where(r => r.Success).Average(r => (double)r.Steps),
                AvgMaxHeightM = rows.Where(r => r.MaxObjectHeightM is not null).Select(r => r.MaxObjectHeightM!.Value).DefaultIfEmpty().Average(),
            },
            PolicyLatencyMs = spec.WithLatency && lat.Count > 0 ? new LatencySummary(lat[lat.Count / 2], lat[(int)(lat.Count * 0.95)]) : null,
            Complete = spec.Complete,
            Workers = 2,
            HarnessVersion = "0.1.0",
            MujocoVersion = "2.2.2",
            StartedAt = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
            FinishedAt = spec.Complete ? new DateTimeOffset(2026, 11, 20, 10, 20, 0, TimeSpan.Zero) : null,
            WallS = rows.Sum(r => r.WallS),
        };
    }

    public static void WriteSummary(string path, RunSummary s) =>
        File.WriteAllText(path, JsonSerializer.Serialize(s, new JsonSerializerOptions { WriteIndented = true }));

    public static void WriteEpisodes(string path, IReadOnlyList<EpisodeRow> rows, bool extraColumn = true)
    {
        using var csv = CsvWriter.Create(new StreamWriter(path), new CsvWriterOptions(), false);
        string[] header =
        [
            "episode", "seed", "outcome", "success", "steps", "picked_up", "dropped", "max_object_height_m", "time_to_pick_s",
            "final_goal_distance_m", "policy_calls", "policy_latency_ms_p50", "wall_s", "error", .. extraColumn ? ["whisker_pred_err_mean"] : Array.Empty<string>(),
        ];
        csv.WriteHeader(header);
        foreach (var r in rows)
        {
            csv.WriteRecord(
            [
                I(r.Episode), I(r.Seed), r.Outcome, B(r.Success), I(r.Steps), B(r.PickedUp), B(r.Dropped), D(r.MaxObjectHeightM),
                D(r.TimeToPickS), D(r.FinalGoalDistanceM), I(r.PolicyCalls), D(r.PolicyLatencyMsP50), D(r.WallS), r.Error ?? "",
                .. extraColumn ? [D(r.Extra["whisker_pred_err_mean"])] : Array.Empty<string>(),
            ]);
        }
    }

    // string.GetHashCode is randomised per process; fixtures must be the same in every run.
    private static int StableHash(string s)
    {
        uint h = 2166136261;
        foreach (char c in s) h = (h ^ c) * 16777619;
        return (int)(h & 0x7fffffff);
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
    private static string B(bool? v) => v is null ? "" : v.Value ? "true" : "false";
    private static string D(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}
