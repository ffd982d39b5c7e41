using Harness.Robots.Feetech;
using Harness.Robots.Virtual.Feetech;

namespace Harness.Tests.Robots.Feetech;

/// <summary>Our client against six emulated STS3215 on a real pty, through System.IO.Ports.</summary>
public class FeetechBusTests
{
    private static readonly double[] Start = [1000, 1100, 1200, 1300, 1400, 1500];

    [Test]
    public void Ping_returns_the_sts3215_model_number()
    {
        using var rig = new VirtualBusRig();
        Assert.That(rig.Client.Ping(3), Is.EqualTo(777));
        Assert.That(rig.Bus.Log.Packets().Select(p => p.ToString()), Is.EqualTo(new[]
        {
            "PING id 3: FF FF 03 02 01 F9",           // 03+02+01 = 06 -> F9
            "READ id 3: FF FF 03 04 02 03 02 F1",     // 03+04+02+03+02 = 0E -> F1
        }));
    }

    [Test]
    public void Read_and_write_registers()
    {
        using var rig = new VirtualBusRig(initialTicks: Start);
        Assert.That(rig.Client.Read(2, Sts3215.PresentPosition), Is.EqualTo(1100));
        Assert.That(rig.Client.Read(2, Sts3215.PresentVoltage), Is.EqualTo(120));
        rig.Client.Write(2, Sts3215.PCoefficient, 16);
        Assert.That(rig.Client.Read(2, Sts3215.PCoefficient), Is.EqualTo(16));
        rig.Client.Write(2, Sts3215.HomingOffset, -47);
        Assert.That(rig.Bus.Inspect(2, s => s.Get(Sts3215.HomingOffset)), Is.EqualTo(-47));
        Assert.That(rig.Client.Read(2, Sts3215.HomingOffset), Is.EqualTo(-47));
    }

    [Test]
    public void Sync_read_returns_values_in_the_order_asked()
    {
        using var rig = new VirtualBusRig(initialTicks: Start);
        Assert.That(rig.Client.SyncRead(Sts3215.PresentPosition, [6, 1, 3]), Is.EqualTo(new[] { 1500, 1000, 1200 }));
    }

    [Test]
    public void Sync_write_moves_every_servo_it_names()
    {
        using var rig = new VirtualBusRig(initialTicks: Start);
        foreach (byte id in new byte[] { 1, 2 }) rig.Client.Write(id, Sts3215.TorqueEnable, 1);
        rig.Client.SyncWrite(Sts3215.GoalPosition, [(1, 2048), (2, 1000)]);
        // No servo answers a SYNC_WRITE: wait until the bus has taken it in.
        Wait.Until(() => rig.Bus.Log.Packets()[^1].Instruction == Instruction.SyncWrite);
        Assert.That(rig.Bus.Log.Packets()[^1].ToString(), Is.EqualTo("SYNC_WRITE id 254: FF FF FE 0A 83 2A 02 01 00 08 02 E8 03 52"));
        Wait.Eventually(() => rig.Client.SyncRead(Sts3215.PresentPosition, [1, 2, 3]), Is.EqualTo(new[] { 2048, 1000, 1200 }));
    }

    [Test]
    public void Reg_write_waits_for_action()
    {
        using var rig = new VirtualBusRig(initialTicks: Start);
        rig.Client.RegWrite(4, Sts3215.Acceleration, 200);
        Assert.That(rig.Client.Read(4, Sts3215.Acceleration), Is.EqualTo(0));
        rig.Client.Action();
        Assert.That(rig.Client.Read(4, Sts3215.Acceleration), Is.EqualTo(200));
    }

    [Test]
    public void A_corrupted_reply_is_retried_and_counted()
    {
        using var rig = new VirtualBusRig(initialTicks: Start);
        rig.Bus.Faults.CorruptReplies(1);
        Assert.That(rig.Client.Read(5, Sts3215.PresentPosition), Is.EqualTo(1400));
        var c = rig.Client.Counters;
        Assert.That((c.ChecksumErrors, c.Retries), Is.EqualTo((1L, 1L)));
        Assert.That(rig.Bus.Log.Packets().Count(p => p.Instruction == Instruction.Read), Is.EqualTo(2));
    }

    [Test]
    public void A_corrupted_sync_read_is_retried_whole()
    {
        using var rig = new VirtualBusRig(initialTicks: Start);
        rig.Bus.Faults.CorruptReplies(1); // the first of the six status packets
        Assert.That(rig.Client.SyncRead(Sts3215.PresentPosition, [1, 2, 3, 4, 5, 6]), Is.EqualTo(new[] { 1000, 1100, 1200, 1300, 1400, 1500 }));
        Assert.That(rig.Client.Counters.ChecksumErrors, Is.EqualTo(1));
        Assert.That(rig.Bus.Log.Packets().Count(p => p.Instruction == Instruction.SyncRead), Is.EqualTo(2));
    }

    [Test]
    public void Retries_are_bounded_and_persistent_corruption_is_reported()
    {
        using var rig = new VirtualBusRig();
        rig.Bus.Faults.CorruptReplies(3);
        var e = Assert.Throws<ServoCorruptReplyException>(() => rig.Client.Read(1, Sts3215.PresentPosition));
        Assert.That(e!.Message, Does.Contain("servo id 1").And.Contain("3 attempts"));
        Assert.That(rig.Bus.Log.Packets().Count, Is.EqualTo(3));
        // The line is clean again: the next exchange succeeds first time.
        Assert.That(rig.Client.Ping(1), Is.EqualTo(777));
    }

    [Test]
    public void Noise_before_a_reply_is_skipped_without_a_retry()
    {
        using var rig = new VirtualBusRig(initialTicks: Start);
        rig.Bus.Faults.NoiseBeforeNextReply(0x00, 0x13, 0xFF, 0x7E);
        Assert.That(rig.Client.Read(3, Sts3215.PresentPosition), Is.EqualTo(1200));
        rig.Bus.Faults.NoiseBeforeNextReply(0x42, 0xFF); // ends in FF: "FF FF FF 03 ..." must still frame
        Assert.That(rig.Client.Read(3, Sts3215.PresentPosition), Is.EqualTo(1200));
        var c = rig.Client.Counters;
        Assert.That((c.Retries, c.SkippedBytes), Is.EqualTo((0L, 6L)));
    }

    [Test]
    public void A_reply_that_comes_after_its_timeout_is_not_taken_for_the_next_instructions_answer()
    {
        using var rig = new VirtualBusRig(busOptions: FeetechBusOptions.Default);
        // The firmware-major reply comes 80 ms late (timeout 50 ms: retried), the retry's 20 ms late;
        // unguarded, that second "3" would arrive while the minor version is being read.
        rig.Bus.Faults.DelayReplies(TimeSpan.FromMilliseconds(80), TimeSpan.FromMilliseconds(20));
        Assert.That(rig.Client.Read(3, Sts3215.FirmwareMajorVersion), Is.EqualTo(3));
        Assert.That(rig.Client.Read(3, Sts3215.FirmwareMinorVersion), Is.EqualTo(10));
        Assert.That(rig.Client.Counters.Timeouts, Is.EqualTo(1));
    }

    [Test]
    public void A_mute_servo_times_out_with_its_id_named()
    {
        using var rig = new VirtualBusRig(busOptions: FeetechBusOptions.Default);
        rig.Bus.Faults.Mute(4);
        var e = Assert.Throws<ServoTimeoutException>(() => rig.Client.Read(4, Sts3215.PresentPosition));
        Assert.That(e!.Id, Is.EqualTo(4));
        Assert.That(e.Message, Does.Contain("servo id 4 did not answer READ Present_Position within 50 ms (3 attempts)"));
        Assert.That(rig.Client.Counters.Timeouts, Is.EqualTo(3));
    }

    [Test]
    public void A_mute_servo_in_a_sync_read_is_named_and_the_others_still_answer()
    {
        using var rig = new VirtualBusRig();
        rig.Bus.Faults.Mute(4);
        var e = Assert.Throws<ServoTimeoutException>(() => rig.Client.SyncRead(Sts3215.PresentPosition, [1, 2, 3, 4, 5, 6]));
        Assert.That(e!.Id, Is.EqualTo(4));
        Assert.That(e.Message, Does.Contain("SYNC_READ Present_Position"));
        rig.Bus.Faults.Unmute(4);
        Assert.That(rig.Client.SyncRead(Sts3215.PresentPosition, [1, 2, 3, 4, 5, 6]), Has.Length.EqualTo(6));
    }

    [Test]
    public void Overload_bit_surfaces_as_a_typed_error_on_reads_writes_and_sync_reads()
    {
        using var rig = new VirtualBusRig(initialTicks: Start);
        rig.Bus.Faults.SetFaultBits(2, ServoFaults.Overload);
        var read = Assert.Throws<ServoOverloadException>(() => rig.Client.Read(2, Sts3215.PresentPosition));
        Assert.That((read!.Id, read.Faults), Is.EqualTo(((byte)2, ServoFaults.Overload)));
        Assert.Throws<ServoOverloadException>(() => rig.Client.Write(2, Sts3215.Acceleration, 10));
        var sync = Assert.Throws<ServoOverloadException>(() => rig.Client.SyncRead(Sts3215.PresentPosition, [1, 2, 3]));
        Assert.That(sync!.Id, Is.EqualTo(2));
        var replies = rig.Client.SyncReadWithFaults(Sts3215.PresentPosition, [1, 2, 3]);
        Assert.That(replies.Select(r => (r.Value, r.Faults)), Is.EqualTo(new[]
        {
            (1000, ServoFaults.None), (1100, ServoFaults.Overload), (1200, ServoFaults.None),
        }));
    }

    [Test]
    public void A_hot_servo_reports_overheat_above_its_temperature_limit()
    {
        using var rig = new VirtualBusRig();
        Assert.That(rig.Client.Read(5, Sts3215.MaxTemperatureLimit), Is.EqualTo(70));
        rig.Bus.Faults.Heat(5, 70);
        Wait.Eventually(() => rig.Client.ReadWithFaults(5, Sts3215.PresentTemperature), Is.EqualTo(new ServoReply(5, 70, ServoFaults.None)));
        rig.Bus.Faults.Heat(5, 75);
        Wait.Eventually(() => rig.Client.ReadWithFaults(5, Sts3215.PresentTemperature), Is.EqualTo(new ServoReply(5, 75, ServoFaults.Overheat)));
        var e = Assert.Throws<ServoOverheatException>(() => rig.Client.Read(5, Sts3215.PresentPosition));
        Assert.That(e!.Message, Does.Contain("servo id 5 reports overheating"));
    }

    [Test]
    public void Broadcast_ping_finds_every_servo()
    {
        using var rig = new VirtualBusRig(ids: [1, 2, 3, 7]);
        Assert.That(rig.Client.BroadcastPing().Select(x => x.Id), Is.EqualTo(new byte[] { 1, 2, 3, 7 }));
    }

    [Test]
    public void Read_only_registers_cannot_be_written()
    {
        using var rig = new VirtualBusRig();
        Assert.Throws<ArgumentException>(() => rig.Client.Write(1, Sts3215.PresentPosition, 5));
    }
}
