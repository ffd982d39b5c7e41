namespace Harness.Robots.UR;

/// <summary>
/// The TCP ports of a UR controller and its Robotiq URCap. The real ports by default;
/// <see cref="WithOffset"/> adds the same K to every port (a virtual controller on loopback, tests).
/// </summary>
public sealed record UrPorts(int Dashboard, int Secondary, int Realtime, int Rtde, int Gripper)
{
    public static UrPorts Default { get; } = new(29999, 30002, 30003, 30004, 63352);

    /// <summary>
    /// Every port plus <paramref name="offset"/>. A port pushed past 65535 wraps into the unprivileged
    /// range (65536 maps to 1024): the gripper's 63352 plus 10000 becomes 8840, so the same K works for
    /// all five ports on both sides (client and virtual controller use this one rule).
    /// </summary>
    public UrPorts WithOffset(int offset)
    {
        int Shift(int port)
        {
            long p = (long)port + offset;
            if (p > 65535) p = 1024 + (p - 65536);
            if (p is < 1 or > 65535)
                throw new ArgumentOutOfRangeException(nameof(offset), offset,
                    $"port offset {offset} moves port {port} to {p}; ports must stay within 1..65535. Use an offset between -29998 and 66695.");
            return (int)p;
        }
        return new UrPorts(Shift(Dashboard), Shift(Secondary), Shift(Realtime), Shift(Rtde), Shift(Gripper));
    }

    public IReadOnlyList<int> All => [Dashboard, Secondary, Realtime, Rtde, Gripper];
}
