using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Harness.Cli.Composition;
using Harness.Eval.Runs;
using Harness.Robots.RealTime;

namespace Harness.Cli.Commands;

/// <summary>
/// `eval --latency-ms P50[,P95]` / `--latency-from REAL_RUN`: a latency-faithful simulation. The
/// policy runs behind the real loop's asynchronous inference (<see cref="AsyncChunkPolicy"/>, the
/// same request threshold and merge rule) with each chunk arriving as many control steps late as
/// the real inference takes (<see cref="SimulatedLatency"/>), so simulated results predict real
/// ones. The latency (and, from a real run, its request threshold and blend) is recorded in
/// run.json's settings.
/// </summary>
public sealed class RealLatencyOptions
{
    public const string LatencySetting = "latency_ms", LatencyFromSetting = "latency_from";
    public const string RequestAtSetting = "async_request_at", BlendStepsSetting = "async_blend_steps";

    private readonly Option<string?> _latency = new("--latency-ms") { Description = "Simulate inference latency as on hardware: P50 or P50,P95 in milliseconds (chunks applied as late as the real loop would)." };
    private readonly Option<string?> _from = new("--latency-from") { Description = "Take the latency (and asynchronous-inference settings) from a real run directory (`harness real so101 eval`)." };
    private readonly Option<double?> _requestAt = new("--request-at") { Description = "With simulated latency: ask for the next chunk once this fraction of the current one is left (default 0.5, or the real run's)." };
    private readonly Option<int?> _blend = new("--blend-steps") { Description = "With simulated latency: steps over which a late chunk is blended in (default 0, or the real run's)." };

    public void AddTo(Command cmd)
    {
        foreach (var o in new Option[] { _latency, _from, _requestAt, _blend }) cmd.Options.Add(o);
    }

    /// <summary>The request with the policy wrapped and the settings recorded; unchanged without --latency-ms / --latency-from.</summary>
    public EvalRequest Apply(EvalRequest req, ParseResult pr)
    {
        string? ms = pr.GetValue(_latency), from = pr.GetValue(_from);
        if (ms is null && from is null)
        {
            if (pr.GetValue(_requestAt) is not null || pr.GetValue(_blend) is not null)
                throw new ArgumentException("--request-at and --blend-steps shape the simulated asynchronous inference; they need --latency-ms or --latency-from.");
            return req;
        }
        if (ms is not null && from is not null) throw new ArgumentException("give --latency-ms or --latency-from, not both.");
        var real = from is null ? null : RealLatency.Read(from);
        var (p50, p95) = ms is not null ? SimulatedLatency.Parse(ms) : (real!.P50, real.P95);
        double requestAt = pr.GetValue(_requestAt) ?? real?.RequestAt ?? new AsyncInference().RequestAtRemaining;
        int blend = pr.GetValue(_blend) ?? real?.BlendSteps ?? 0;
        double hz = SceneEntry.Resolve(req.Scene).Definition.ControlHz;
        var timing = new SimulatedLatency(p50, p95, hz);
        timing.Validate();
        var inference = new AsyncInference(requestAt, blend);
        inference.Validate();
        var settings = new Dictionary<string, string>(req.OtherSettings ?? new Dictionary<string, string>())
        {
            [LatencySetting] = string.Create(CultureInfo.InvariantCulture, $"p50={p50:0.###},p95={p95:0.###}"),
            [RequestAtSetting] = requestAt.ToString(CultureInfo.InvariantCulture),
            [BlendStepsSetting] = blend.ToString(CultureInfo.InvariantCulture),
        };
        if (from is not null) settings[LatencyFromSetting] = Path.GetFullPath(from);
        if (req.ActionsPerQuery is not null || req.TemporalEnsemble is not null)
            throw new ArgumentException("--actions-per-query and --temporal-ensemble do not apply with simulated latency: the asynchronous loop queries every step and merges chunks as they arrive.");
        return req with { WrapPolicy = p => new AsyncChunkPolicy(p, inference, timing), OtherSettings = settings };
    }

    /// <summary>The inference latency and asynchronous settings a real run recorded.</summary>
    public sealed record RealLatency(double P50, double P95, double? RequestAt, int? BlendSteps)
    {
        public static RealLatency Read(string runDir)
        {
            string path = Path.Combine(runDir, RunDirectory.SummaryFile);
            if (!File.Exists(path)) throw new FileNotFoundException($"--latency-from {runDir}: no run.json there; give the folder of a `harness real so101 eval` run.", path);
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            if (!root.TryGetProperty("extra", out var extra) || !extra.TryGetProperty(AsyncInferenceObserver.LatencyExtraKey, out var lat)
                || !lat.TryGetProperty("p50", out var p50) || !lat.TryGetProperty("p95", out var p95))
                throw new InvalidDataException(
                    $"--latency-from {runDir}: run.json has no extra.{AsyncInferenceObserver.LatencyExtraKey} (p50, p95); only real runs with asynchronous inference record it. Use --latency-ms P50,P95 instead.");
            double? requestAt = null;
            int? blend = null;
            if (root.TryGetProperty("settings", out var s) && s.TryGetProperty("other", out var other))
            {
                if (other.TryGetProperty(RequestAtSetting, out var r) && double.TryParse(r.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double rv)) requestAt = rv;
                if (other.TryGetProperty(BlendStepsSetting, out var b) && int.TryParse(b.GetString(), out int bv)) blend = bv;
            }
            return new RealLatency(p50.GetDouble(), p95.GetDouble(), requestAt, blend);
        }
    }
}
