namespace Harness.Robots.Virtual.UR;

/// <summary>A fault to inject into a virtual UR controller (`sim-ur --fault`), now or some seconds after it starts.</summary>
/// <param name="Kind">protective-stop, estop, drop (every connection closes), slow (replies late, fewer output packages).</param>
/// <param name="ReplyDelay">slow: how late replies come.</param>
/// <param name="OutputEvery">slow: only every n-th RTDE output package is sent.</param>
public sealed record UrFaultSpec(string Kind, TimeSpan After, TimeSpan ReplyDelay = default, int OutputEvery = 1)
{
    public const string Forms = "protective-stop, estop, drop, slow:REPLY_MS[:EVERY_NTH_PACKAGE], each optionally @SECONDS (e.g. protective-stop@5, slow:50:10)";

    /// <summary>Parses <c>kind[:args][@seconds]</c>.</summary>
    public static UrFaultSpec Parse(string text)
    {
        var (spec, after) = Feetech.FaultSpec.SplitDelay(text, Bad);
        var parts = spec.Split(':');
        return parts[0] switch
        {
            "protective-stop" or "estop" or "drop" when parts.Length == 1 => new(parts[0], after),
            "slow" when parts.Length is 2 or 3 && int.TryParse(parts[1], out int ms) && ms >= 0 =>
                parts.Length == 2 ? new("slow", after, TimeSpan.FromMilliseconds(ms))
                : int.TryParse(parts[2], out int every) && every >= 1 ? new("slow", after, TimeSpan.FromMilliseconds(ms), every) : throw Bad(text),
            _ => throw Bad(text),
        };
    }

    private static ArgumentException Bad(string text) => new($"--fault '{text}' is not understood; use {Forms}.");

    public void ApplyTo(VirtualUrController controller)
    {
        switch (Kind)
        {
            case "protective-stop": controller.ProtectiveStop("injected by sim-ur --fault"); break;
            case "estop": controller.EmergencyStop(); break;
            case "drop": controller.DropConnections(); break;
            case "slow": controller.SlowDown(ReplyDelay, OutputEvery); break;
        }
    }

    public override string ToString() =>
        (Kind == "slow" ? FormattableString.Invariant($"slow:{ReplyDelay.TotalMilliseconds}:{OutputEvery}") : Kind) +
        (After > TimeSpan.Zero ? FormattableString.Invariant($"@{After.TotalSeconds}") : "");
}

/// <summary>Applies faults to a controller when their time comes (a background timer per delayed fault).</summary>
public sealed class UrFaultSchedule : IDisposable
{
    private readonly List<Timer> _timers = [];

    public UrFaultSchedule(VirtualUrController controller, IEnumerable<UrFaultSpec> faults, Action<UrFaultSpec>? applied = null)
    {
        foreach (var f in faults)
        {
            void Apply()
            {
                f.ApplyTo(controller);
                applied?.Invoke(f);
            }
            if (f.After == TimeSpan.Zero) Apply();
            else _timers.Add(new Timer(_ => Apply(), null, f.After, Timeout.InfiniteTimeSpan));
        }
    }

    public void Dispose()
    {
        foreach (var t in _timers) t.Dispose();
    }
}
