using Harness.Robots.UR;

namespace Harness.Robots.Virtual.UR;

/// <summary>
/// Where a simulated UR rig (`harness sim-ur`) keeps its operator channel: a UR controller has no
/// serial link to sit next to, so the channel is named after the rig's dashboard port, which
/// client and rig both derive from the same --port-offset.
/// </summary>
public static class SimUrChannel
{
    /// <summary>The "link" whose <c>.operator</c> socket the rig listens on (see <see cref="Operators.OperatorChannel.SocketPath"/>).</summary>
    public static string LinkFor(UrPorts ports) => Path.Combine(Path.GetTempPath(), $"harness-sim-ur-{ports.Dashboard}");

    /// <summary>The command that starts such a rig, for errors when there is none.</summary>
    public static string StartHint(int portOffset) => $"harness sim-ur --port-offset {portOffset}";
}
