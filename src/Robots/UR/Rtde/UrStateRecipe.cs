namespace Harness.Robots.UR.Rtde;

/// <summary>
/// The output recipe Harness streams from a UR controller, and its decoding into <see cref="UrRobotState"/>.
/// </summary>
public static class UrStateRecipe
{
    /// <summary>Output integer registers 0..N-1 are read (the servo program's handshake lives there).</summary>
    public const int OutputIntRegisterCount = 3;

    public static IReadOnlyList<string> Fields { get; } =
    [
        "timestamp", "actual_q", "actual_qd", "target_q", "actual_TCP_pose", "actual_TCP_speed",
        "robot_mode", "safety_mode", "runtime_state", "robot_status_bits", "safety_status_bits",
        "target_speed_fraction", "speed_scaling",
        .. Enumerable.Range(0, OutputIntRegisterCount).Select(i => $"output_int_register_{i}"),
    ];

    public static UrRobotState Decode(RtdeDataPackage p) => new(
        p.Double("timestamp"),
        p.Vector("actual_q"),
        p.Vector("actual_qd"),
        p.Vector("target_q"),
        p.Vector("actual_TCP_pose"),
        p.Vector("actual_TCP_speed"),
        (UrRobotMode)(int)p.Integer("robot_mode"),
        (UrSafetyMode)(int)p.Integer("safety_mode"),
        (UrRuntimeState)(uint)p.Integer("runtime_state"),
        (uint)p.Integer("robot_status_bits"),
        (uint)p.Integer("safety_status_bits"),
        p.Double("target_speed_fraction"),
        p.Double("speed_scaling"),
        Enumerable.Range(0, OutputIntRegisterCount).Select(i => (int)p.Integer($"output_int_register_{i}")).ToArray(),
        p.ReceivedAt);
}
