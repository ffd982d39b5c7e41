using Harness.Robots.Feetech;
using Harness.Robots.Serial;
using Harness.Robots.Virtual.Feetech;
using Harness.Tests.Robots.Feetech;

namespace Harness.Tests.Robots.Virtual;

/// <summary>The virtual servos' observable rules, checked over the pty.</summary>
public class EmulatedServoTests
{
    [Test]
    public void Present_position_is_actual_minus_homing_offset_wrapped_to_one_turn()
    {
        using var rig = new VirtualBusRig(initialTicks: [1500, 1500, 1500, 1500, 1500, 1500]);
        var c = rig.Client;
        c.Write(1, Sts3215.HomingOffset, 200);
        Assert.That(c.Read(1, Sts3215.PresentPosition), Is.EqualTo(1300));
        c.Write(1, Sts3215.HomingOffset, -100);
        Assert.That(c.Read(1, Sts3215.PresentPosition), Is.EqualTo(1600));
        c.Write(1, Sts3215.HomingOffset, 1600);
        Assert.That(c.Read(1, Sts3215.PresentPosition), Is.EqualTo(3996)); // 1500 - 1600 + 4096
    }

    [Test]
    public void With_phase_bit_4_set_positions_are_not_wrapped()
    {
        using var rig = new VirtualBusRig(initialTicks: [1500, 1500, 1500, 1500, 1500, 1500]);
        rig.Client.Write(1, Sts3215.Phase, 0x1C);
        rig.Client.Write(1, Sts3215.HomingOffset, 1600);
        Assert.That(rig.Client.Read(1, Sts3215.PresentPosition), Is.EqualTo(-100));
    }

    [Test]
    public void Goal_is_clamped_to_the_position_limits_in_the_homed_frame()
    {
        using var rig = new VirtualBusRig(initialTicks: [1500, 1500, 1500, 1500, 1500, 1500]);
        var c = rig.Client;
        c.Write(3, Sts3215.HomingOffset, 100);
        c.Write(3, Sts3215.MinPositionLimit, 1000);
        c.Write(3, Sts3215.MaxPositionLimit, 2000);
        c.Write(3, Sts3215.TorqueEnable, 1);
        c.Write(3, Sts3215.GoalPosition, 2500);
        Wait.Eventually(() => c.Read(3, Sts3215.PresentPosition), Is.EqualTo(2000));
        Assert.That(rig.Bus.Inspect(3, s => Math.Round(s.ActualTicks)), Is.EqualTo(2100));
    }

    [Test]
    public void Enabling_torque_drives_back_to_the_last_goal_not_where_the_hand_left_the_joint()
    {
        // The worst case for a client: like Dynamixel servos, the goal is not refreshed while the
        // joint is limp, so a client must write Goal_Position before enabling torque.
        using var rig = new VirtualBusRig(initialTicks: [1500, 1500, 1500, 1500, 1500, 1500], handTicksPerSecond: 20000);
        rig.Bus.Hand.MoveTogether([(0, 2500)], TimeSpan.FromSeconds(10));
        Assert.That(rig.Client.Read(1, Sts3215.GoalPosition), Is.EqualTo(1500), "power-on goal: where the joint was");
        rig.Client.Write(1, Sts3215.TorqueEnable, 1);
        Wait.Eventually(() => rig.Client.Read(1, Sts3215.PresentPosition), Is.EqualTo(1500));
        Assert.That(rig.Bus.Hand.Holds(0), Is.False, "the hand lets go once the motor takes over");
    }

    [Test]
    public void Eeprom_writes_persist_across_power_cycles_only_when_unlocked()
    {
        using var rig = new VirtualBusRig();
        var c = rig.Client;
        Assert.That(c.Read(2, Sts3215.Lock), Is.EqualTo(1), "a servo powers up locked");
        c.Write(2, Sts3215.HomingOffset, 123);
        Assert.That(c.Read(2, Sts3215.HomingOffset), Is.EqualTo(123), "a locked EEPROM write still takes effect");
        rig.Bus.PowerCycle();
        Assert.That(c.Read(2, Sts3215.HomingOffset), Is.EqualTo(0), "...but is lost at power off");

        c.Write(2, Sts3215.Lock, 0);
        c.Write(2, Sts3215.HomingOffset, 123);
        c.Write(2, Sts3215.Acceleration, 50); // RAM
        rig.Bus.PowerCycle();
        Assert.That(c.Read(2, Sts3215.HomingOffset), Is.EqualTo(123));
        Assert.That(c.Read(2, Sts3215.Acceleration), Is.EqualTo(0));
        Assert.That(c.Read(2, Sts3215.Lock), Is.EqualTo(1));
    }

    [Test]
    public void Writes_to_read_only_bytes_are_ignored()
    {
        using var rig = new VirtualBusRig();
        // WRITE id 1, Model_Number (3) <- 00 00 : 01+05+03+03 = 0C -> F3
        using var raw = SerialPortLink.Open(rig.Bus.LinkPath);
        raw.Write(Convert.FromHexString("FFFF0105030300" + "00F3"));
        Assert.That(ReadPackets(raw, 1).Single().Parameters, Is.Empty);
        Assert.That(rig.Client.Read(1, Sts3215.ModelNumber), Is.EqualTo(777));
    }

    [Test]
    public void Sync_write_and_broadcast_writes_get_no_reply()
    {
        using var rig = new VirtualBusRig();
        using var raw = SerialPortLink.Open(rig.Bus.LinkPath);
        raw.Write(InstructionPacket.SyncWrite(41, 1, [(1, [7]), (2, [8])]).Encode());
        raw.Write(InstructionPacket.Write(0xFE, 48, [0x64, 0x00]).Encode());
        var buffer = new byte[64];
        Assert.That(raw.Read(buffer, TimeSpan.FromMilliseconds(150)), Is.EqualTo(0));
        Assert.That(rig.Bus.Inspect(2, s => s.Get(Sts3215.Acceleration)), Is.EqualTo(8));
        Assert.That(rig.Bus.Inspect(6, s => s.Get(Sts3215.TorqueLimit)), Is.EqualTo(100));
    }

    [Test]
    public void Sync_read_answers_one_status_packet_per_id_in_list_order()
    {
        using var rig = new VirtualBusRig(initialTicks: [1000, 1100, 1200, 1300, 1400, 1500]);
        using var raw = SerialPortLink.Open(rig.Bus.LinkPath);
        raw.Write(InstructionPacket.SyncRead(56, 2, [3, 1, 2]).Encode());
        var packets = ReadPackets(raw, 3);
        Assert.That(packets.Select(p => (p.Id, Sts3215.PresentPosition.FromBytes(p.Parameters))),
            Is.EqualTo(new[] { ((byte)3, 1200), ((byte)1, 1000), ((byte)2, 1100) }));
    }

    [Test]
    public void Response_status_level_0_silences_write_acknowledgements_but_not_reads()
    {
        using var rig = new VirtualBusRig(prepare: s => s.Preset(Sts3215.ResponseStatusLevel, 0));
        using var raw = SerialPortLink.Open(rig.Bus.LinkPath);
        raw.Write(InstructionPacket.Write(1, 41, [9]).Encode());
        Assert.That(raw.Read(new byte[16], TimeSpan.FromMilliseconds(150)), Is.EqualTo(0));
        raw.Write(InstructionPacket.Read(1, 41, 1).Encode());
        Assert.That(ReadPackets(raw, 1).Single().Parameters, Is.EqualTo(new byte[] { 9 }));
    }

    [Test]
    public void An_instruction_with_a_bad_checksum_is_ignored_and_counted()
    {
        using var rig = new VirtualBusRig();
        using var raw = SerialPortLink.Open(rig.Bus.LinkPath);
        raw.Write(Convert.FromHexString("FFFF010201FA")); // PING id 1 with checksum FA instead of FB
        Assert.That(raw.Read(new byte[16], TimeSpan.FromMilliseconds(150)), Is.EqualTo(0));
        Assert.That(rig.Bus.Log.CorruptInstructions, Is.EqualTo(1));
        Assert.That(rig.Bus.Log.Packets(), Is.Empty);
    }

    [Test]
    public void The_bus_log_proves_which_registers_were_written()
    {
        using var rig = new VirtualBusRig();
        rig.Client.SyncRead(Sts3215.PresentPosition, [1, 2, 3, 4, 5, 6]);
        rig.Client.Write(1, Sts3215.Acceleration, 10);
        Assert.That(rig.Bus.Log.Wrote(Sts3215.GoalPosition), Is.False);
        rig.Client.SyncWrite(Sts3215.GoalPosition, [(1, 2000)]);
        // Nobody answers a SYNC_WRITE, so wait for the bus to have taken it in.
        Wait.Until(() => rig.Bus.Log.Wrote(Sts3215.GoalPosition));
    }

    private static List<FramedPacket> ReadPackets(ISerialLink link, int count)
    {
        var framer = new PacketFramer();
        var packets = new List<FramedPacket>();
        var buffer = new byte[256];
        var deadline = DateTime.UtcNow.AddSeconds(2);
        while (packets.Count < count && DateTime.UtcNow < deadline)
        {
            int n = link.Read(buffer, TimeSpan.FromMilliseconds(100));
            framer.Append(buffer.AsSpan(0, n));
            while (framer.TryTake(out var p) == FrameResult.Packet) packets.Add(p);
        }
        Assert.That(packets, Has.Count.EqualTo(count), "status packets received");
        return packets;
    }
}
