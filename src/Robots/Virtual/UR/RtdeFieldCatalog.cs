using Harness.Robots.UR.Rtde;

namespace Harness.Robots.Virtual.UR;

/// <summary>
/// The RTDE fields the virtual controller serves, with their types: outputs read from a cycle's
/// snapshot, inputs written into the controller's registers. A field the virtual controller does not
/// simulate is NOT_FOUND here (a real controller offers more).
/// </summary>
public static class RtdeFieldCatalog
{
    public sealed record Output(RtdeType Type, Func<ControllerSnapshot, object> Read);

    public sealed record Input(RtdeType Type, Action<UrControllerCore, object> Write);

    public static IReadOnlyDictionary<string, Output> Outputs { get; } = BuildOutputs();
    public static IReadOnlyDictionary<string, Input> Inputs { get; } = BuildInputs();

    private static Dictionary<string, Output> BuildOutputs()
    {
        var o = new Dictionary<string, Output>
        {
            ["timestamp"] = new(RtdeType.Double, s => s.Timestamp),
            ["target_q"] = new(RtdeType.Vector6D, s => s.TargetQ),
            ["target_qd"] = new(RtdeType.Vector6D, s => s.TargetQd),
            ["actual_q"] = new(RtdeType.Vector6D, s => s.ActualQ),
            ["actual_qd"] = new(RtdeType.Vector6D, s => s.ActualQd),
            ["actual_TCP_pose"] = new(RtdeType.Vector6D, s => s.ActualTcpPose),
            ["target_TCP_pose"] = new(RtdeType.Vector6D, s => s.TargetTcpPose),
            ["actual_TCP_speed"] = new(RtdeType.Vector6D, s => s.ActualTcpSpeed),
            ["elbow_position"] = new(RtdeType.Vector3D, s => s.ElbowPosition),
            ["robot_mode"] = new(RtdeType.Int32, s => (int)s.RobotMode),
            ["joint_mode"] = new(RtdeType.Vector6Int32, s => s.JointModes),
            ["safety_mode"] = new(RtdeType.Int32, s => (int)s.SafetyMode),
            ["safety_status"] = new(RtdeType.Int32, s => (int)s.SafetyMode),
            ["runtime_state"] = new(RtdeType.Uint32, s => (uint)s.RuntimeState),
            ["robot_status_bits"] = new(RtdeType.Uint32, s => s.RobotStatusBits),
            ["safety_status_bits"] = new(RtdeType.Uint32, s => s.SafetyStatusBits),
            ["speed_scaling"] = new(RtdeType.Double, s => s.SpeedScaling),
            ["target_speed_fraction"] = new(RtdeType.Double, s => s.TargetSpeedFraction),
            ["actual_digital_output_bits"] = new(RtdeType.Uint64, s => s.DigitalOutputBits),
        };
        for (int i = 0; i < UrControllerCore.Registers; i++)
        {
            int n = i;
            o[$"output_int_register_{n}"] = new(RtdeType.Int32, s => s.OutputInts[n]);
            o[$"output_double_register_{n}"] = new(RtdeType.Double, s => s.OutputDoubles[n]);
            o[$"input_int_register_{n}"] = new(RtdeType.Int32, s => s.InputInts[n]);
            o[$"input_double_register_{n}"] = new(RtdeType.Double, s => s.InputDoubles[n]);
        }
        for (int n = 64; n < 128; n++)
        {
            int b = n;
            o[$"output_bit_register_{b}"] = new(RtdeType.Bool, s => s.OutputBits[b]);
            o[$"input_bit_register_{b}"] = new(RtdeType.Bool, s => s.InputBits[b]);
        }
        return o;
    }

    private static Dictionary<string, Input> BuildInputs()
    {
        var i = new Dictionary<string, Input>
        {
            ["speed_slider_mask"] = new(RtdeType.Uint32, (c, v) => c.SpeedSliderMask = (uint)v),
            ["speed_slider_fraction"] = new(RtdeType.Double, (c, v) =>
            {
                if ((c.SpeedSliderMask & 1) != 0) c.SpeedFraction = Math.Clamp((double)v, 0.0, 1.0);
            }),
            ["standard_digital_output_mask"] = new(RtdeType.Uint8, (c, v) => c.DigitalOutputMask = (byte)v),
            ["standard_digital_output"] = new(RtdeType.Uint8, (c, v) =>
                c.StandardDigitalOutputs = (byte)((c.StandardDigitalOutputs & ~c.DigitalOutputMask) | ((byte)v & c.DigitalOutputMask))),
        };
        for (int r = 0; r < UrControllerCore.Registers; r++)
        {
            int n = r;
            i[$"input_int_register_{n}"] = new(RtdeType.Int32, (c, v) => c.InputInts[n] = (int)v);
            i[$"input_double_register_{n}"] = new(RtdeType.Double, (c, v) => c.InputDoubles[n] = (double)v);
        }
        for (int n = 64; n < 128; n++)
        {
            int b = n;
            i[$"input_bit_register_{b}"] = new(RtdeType.Bool, (c, v) => c.InputBits[b] = (bool)v);
        }
        return i;
    }
}
