using Harness.Robots.Feetech;
using Harness.Robots.So101;
using Harness.Robots.Virtual.Feetech;

namespace Harness.Tests.Robots.So101;

/// <summary>
/// The instructions our SO-101 connect puts on the bus, captured by the virtual bus, against the
/// order LeRobot uses (shared/protocols.md section 3): ping + model per motor, firmware per motor,
/// calibration read (and write when it differs), torque off + unlock, return delay, maximum
/// acceleration, acceleration, Phase read, then mode and P/I/D (gripper limits), then torque on + lock.
/// </summary>
public class ConnectSequenceTests
{
    private static readonly byte[] Ids = [1, 2, 3, 4, 5, 6];

    [Test]
    public void Connect_sends_lerobots_sequence_byte_for_byte()
    {
        using var rig = new VirtualBusRig(initialTicks: [2000, 2000, 2000, 2000, 2000, 2000]);
        var arm = new So101Arm(rig.Client);
        bool wrote = arm.Connect(CalibrationFileTests.Example);
        Assert.That(wrote, Is.True, "factory servos (offset 0, limits 0..4095) differ from the file");

        var packets = rig.Bus.Log.Packets();
        Assert.That(packets.Select(Describe), Is.EqualTo(ExpectedSequence()));

        // Motor 1's packets in full, checksums worked out by hand (sum of ID..params, inverted).
        Assert.That(packets.Where(p => p.Id == 1).Select(p => FeetechFrame.Hex(p.Encode())), Is.EqualTo(new[]
        {
            "FF FF 01 02 01 FB",          // PING: 01+02+01 = 04
            "FF FF 01 04 02 03 02 F3",    // READ Model_Number (3, 2): 0C
            "FF FF 01 04 02 00 01 F7",    // READ Firmware_Major_Version (0, 1): 08
            "FF FF 01 04 02 01 01 F6",    // READ Firmware_Minor_Version (1, 1): 09
            "FF FF 01 04 02 09 02 ED",    // READ Min_Position_Limit (9, 2): 12
            "FF FF 01 04 02 0B 02 EB",    // READ Max_Position_Limit (11, 2): 14
            "FF FF 01 04 02 1F 02 D7",    // READ Homing_Offset (31, 2): 28
            "FF FF 01 05 03 1F 03 00 D4", // WRITE Homing_Offset 3: 2B
            "FF FF 01 05 03 09 EB 02 00", // WRITE Min_Position_Limit 747 (0x02EB): FF
            "FF FF 01 05 03 0B 13 0D CB", // WRITE Max_Position_Limit 3347 (0x0D13): 34
            "FF FF 01 04 03 28 00 CF",    // WRITE Torque_Enable 0: 30
            "FF FF 01 04 03 37 00 C0",    // WRITE Lock 0: 3F
            "FF FF 01 04 03 07 00 F0",    // WRITE Return_Delay_Time 0: 0F
            "FF FF 01 04 03 55 FE A4",    // WRITE Maximum_Acceleration 254: 15B
            "FF FF 01 04 03 29 FE D0",    // WRITE Acceleration 254: 12F
            "FF FF 01 04 02 12 01 E5",    // READ Phase (18, 1): 1A
            "FF FF 01 04 03 21 00 D6",    // WRITE Operating_Mode 0: 29
            "FF FF 01 04 03 15 10 D2",    // WRITE P_Coefficient 16: 2D
            "FF FF 01 04 03 17 00 E0",    // WRITE I_Coefficient 0: 1F
            "FF FF 01 04 03 16 20 C1",    // WRITE D_Coefficient 32: 3E
            "FF FF 01 04 03 28 01 CE",    // WRITE Torque_Enable 1: 31
            "FF FF 01 04 03 37 01 BF",    // WRITE Lock 1: 40
        }));

        Assert.That(rig.Bus.Inspect(6, s => (s.Get(Sts3215.MaxTorqueLimit), s.Get(Sts3215.ProtectionCurrent), s.Get(Sts3215.OverloadTorque))),
            Is.EqualTo((500, 250, 25)));
        Assert.That(Ids.Select(id => rig.Bus.Inspect(id, s => s.TorqueOn)), Is.All.True);
    }

    [Test]
    public void A_servo_with_the_angle_feedback_bit_set_gets_it_cleared()
    {
        using var rig = new VirtualBusRig(prepare: s => { if (s.Id == 6) s.Preset(Sts3215.Phase, 0x1C); });
        new So101Arm(rig.Client).Connect(CalibrationFileTests.Example);
        var phaseWrites = rig.Bus.Log.Packets().Where(p => p.Instruction == Instruction.Write && p.Parameters[0] == 18).ToArray();
        Assert.That(phaseWrites.Select(p => FeetechFrame.Hex(p.Encode())), Is.EqualTo(new[] { "FF FF 06 04 03 12 0C D4" })); // 06+04+03+12+0C = 2B
    }

    [Test]
    public void Matching_servos_are_not_rewritten()
    {
        using var rig = new VirtualBusRig();
        var arm = new So101Arm(rig.Client);
        arm.Connect(CalibrationFileTests.Example);
        rig.Bus.Log.Clear();
        Assert.That(arm.Connect(CalibrationFileTests.Example), Is.False);
        Assert.That(rig.Bus.Log.Writes().Any(w => w.Touches(Sts3215.HomingOffset)), Is.False);
    }

    [Test]
    public void A_missing_motor_fails_the_handshake_naming_it()
    {
        using var rig = new VirtualBusRig(ids: [1, 2, 3, 4, 6]);
        var e = Assert.Throws<So101Exception>(() => new So101Arm(rig.Client).Connect(CalibrationFileTests.Example));
        Assert.That(e!.Message, Does.Contain("wrist_roll (id 5) does not answer"));
        Assert.That(rig.Bus.Log.Writes(), Is.Empty, "nothing is written to an arm that failed its check");
    }

    [Test]
    public void Mixed_firmware_is_refused()
    {
        using var rig = new VirtualBusRig(prepare: s => { if (s.Id == 3) s.Preset(Sts3215.FirmwareMinorVersion, 9); });
        var e = Assert.Throws<So101Exception>(() => new So101Arm(rig.Client).Handshake());
        Assert.That(e!.Message, Does.Contain("elbow_flex 3.9").And.Contain("shoulder_pan 3.10"));
    }

    private static string Describe(InstructionPacket p) =>
        $"{p.Id} {p.Instruction.Name()} {FeetechFrame.Hex(p.Parameters)}".TrimEnd();

    /// <summary>The sequence as LeRobot performs it, with Example's calibration as the file.</summary>
    private static List<string> ExpectedSequence()
    {
        var e = new List<string>();
        foreach (byte id in Ids) { e.Add($"{id} PING"); e.Add($"{id} READ 03 02"); }
        foreach (byte id in Ids) { e.Add($"{id} READ 00 01"); e.Add($"{id} READ 01 01"); }
        foreach (byte id in Ids) { e.Add($"{id} READ 09 02"); e.Add($"{id} READ 0B 02"); e.Add($"{id} READ 1F 02"); }
        // Homing_Offset (sign bit 11), Min, Max per motor:
        // 3 -> 03 00, 747 -> EB 02, 3347 -> 13 0D; -47 -> 0x82F -> 2F 08, 867 -> 63 03, 3227 -> 9B 0C;
        // -57 -> 0x839 -> 39 08, 937 -> A9 03, 3157 -> 55 0C; 3 -> 03 00, 847 -> 4F 03, 3247 -> AF 0C;
        // 0, 0, 4095 -> FF 0F; 653 -> 8D 02, 1327 -> 2F 05, 2767 -> CF 0A
        string[][] calibration =
        [
            ["03 00", "EB 02", "13 0D"], ["2F 08", "63 03", "9B 0C"], ["39 08", "A9 03", "55 0C"],
            ["03 00", "4F 03", "AF 0C"], ["00 00", "00 00", "FF 0F"], ["8D 02", "2F 05", "CF 0A"],
        ];
        for (int i = 0; i < 6; i++)
        {
            e.Add($"{Ids[i]} WRITE 1F {calibration[i][0]}");
            e.Add($"{Ids[i]} WRITE 09 {calibration[i][1]}");
            e.Add($"{Ids[i]} WRITE 0B {calibration[i][2]}");
        }
        foreach (byte id in Ids) { e.Add($"{id} WRITE 28 00"); e.Add($"{id} WRITE 37 00"); }
        foreach (byte id in Ids)
        {
            e.Add($"{id} WRITE 07 00");
            e.Add($"{id} WRITE 55 FE");
            e.Add($"{id} WRITE 29 FE");
            e.Add($"{id} READ 12 01");
        }
        foreach (byte id in Ids)
        {
            e.Add($"{id} WRITE 21 00");
            e.Add($"{id} WRITE 15 10");
            e.Add($"{id} WRITE 17 00");
            e.Add($"{id} WRITE 16 20");
            if (id == 6)
            {
                e.Add("6 WRITE 10 F4 01"); // Max_Torque_Limit 500
                e.Add("6 WRITE 1C FA 00"); // Protection_Current 250
                e.Add("6 WRITE 24 19");    // Overload_Torque 25
            }
        }
        foreach (byte id in Ids) { e.Add($"{id} WRITE 28 01"); e.Add($"{id} WRITE 37 01"); }
        return e;
    }
}
