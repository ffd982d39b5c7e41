using System.Globalization;
using Harness.Robots.Feetech;

namespace Harness.Robots.Virtual.Feetech;

/// <summary>A fault to inject into a virtual bus, now or some seconds after it starts.</summary>
/// <param name="Kind">corrupt (N replies with a bad checksum), mute (a servo stops answering and obeying), overload (the overload bit), hot (a servo's temperature).</param>
public sealed record FaultSpec(string Kind, int Value, int? Celsius, TimeSpan After)
{
    public const string Forms = "corrupt:N, mute:ID, overload:ID, hot:ID[:CELSIUS], each optionally @SECONDS (e.g. mute:3@5)";

    /// <summary>Parses <c>kind:arg[:arg][@seconds]</c>.</summary>
    public static FaultSpec Parse(string text)
    {
        var at = text.Split('@');
        var after = TimeSpan.Zero;
        if (at.Length > 2) throw Bad(text);
        if (at.Length == 2)
        {
            if (!double.TryParse(at[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !(seconds >= 0)) throw Bad(text);
            after = TimeSpan.FromSeconds(seconds);
        }
        var parts = at[0].Split(':');
        if (parts.Length < 2 || !int.TryParse(parts[1], out int value) || value < 0) throw Bad(text);
        return parts[0] switch
        {
            "corrupt" when parts.Length == 2 && value > 0 => new("corrupt", value, null, after),
            "mute" or "overload" when parts.Length == 2 && value < FeetechFrame.BroadcastId => new(parts[0], value, null, after),
            "hot" when parts.Length == 2 && value < FeetechFrame.BroadcastId => new("hot", value, 80, after),
            "hot" when parts.Length == 3 && value < FeetechFrame.BroadcastId && int.TryParse(parts[2], out int c) => new("hot", value, c, after),
            _ => throw Bad(text),
        };
    }

    private static ArgumentException Bad(string text) => new($"--fault '{text}' is not understood; use {Forms}.");

    public void ApplyTo(BusFaults faults)
    {
        switch (Kind)
        {
            case "corrupt": faults.CorruptReplies(Value); break;
            case "mute": faults.Mute((byte)Value); break;
            case "overload": faults.SetFaultBits((byte)Value, ServoFaults.Overload); break;
            case "hot": faults.Heat((byte)Value, Celsius); break;
        }
    }

    public override string ToString() =>
        $"{Kind}:{Value}{(Kind == "hot" ? $":{Celsius}" : "")}{(After > TimeSpan.Zero ? $"@{After.TotalSeconds.ToString(CultureInfo.InvariantCulture)}" : "")}";
}

/// <summary>Applies faults to a bus when their time comes (a background timer per delayed fault).</summary>
public sealed class FaultSchedule : IDisposable
{
    private readonly List<Timer> _timers = [];

    public FaultSchedule(VirtualFeetechBus bus, IEnumerable<FaultSpec> faults, Action<FaultSpec>? applied = null)
    {
        foreach (var f in faults)
        {
            if (f.After == TimeSpan.Zero)
            {
                f.ApplyTo(bus.Faults);
                applied?.Invoke(f);
            }
            else
                _timers.Add(new Timer(_ =>
                {
                    f.ApplyTo(bus.Faults);
                    applied?.Invoke(f);
                }, null, f.After, Timeout.InfiniteTimeSpan));
        }
    }

    public void Dispose()
    {
        foreach (var t in _timers) t.Dispose();
    }
}
