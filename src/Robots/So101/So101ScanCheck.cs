using Harness.Robots.Feetech;

namespace Harness.Robots.So101;

/// <summary>What a bus scan says about an SO-101 follower: missing or foreign servos, mixed firmware, faults.</summary>
public static class So101ScanCheck
{
    public static IReadOnlyList<string> Problems(IReadOnlyList<ScannedServo> found, IReadOnlyList<So101Motor>? motors = null)
    {
        motors ??= So101Motors.Follower();
        var problems = new List<string>();
        foreach (var m in motors.Where(m => found.All(s => s.Id != m.Id)))
            problems.Add($"{m.Name} (id {m.Id}) did not answer");
        foreach (var s in found.Where(s => motors.All(m => m.Id != s.Id)))
            problems.Add($"id {s.Id} answered but an SO-101 has no servo with that id");
        foreach (var s in found.Where(s => s.Model != Sts3215.Model))
            problems.Add($"id {s.Id} is model {s.Model}, not an STS3215 ({Sts3215.Model})");
        if (found.Select(s => s.Firmware).Distinct().Count() > 1)
            problems.Add("firmware versions differ: " + string.Join(", ", found.Select(s => $"id {s.Id} {s.Firmware}")));
        foreach (var s in found.Where(s => s.Faults != ServoFaults.None))
            problems.Add($"id {s.Id} reports {s.Faults}");
        return problems;
    }
}
