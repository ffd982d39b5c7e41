using Harness.Robots.Feetech;

namespace Harness.Tests.Robots.Feetech;

/// <summary>Packet bytes written by hand from the protocol (checksum = ~(ID+LEN+INSTR+params) &amp; 0xFF).</summary>
public class PacketCodecTests
{
    private static string Hex(byte[] b) => FeetechFrame.Hex(b);

    [Test]
    public void Ping_packet()
    {
        // 01 + 02 + 01 = 0x04 -> ~0x04 = 0xFB
        Assert.That(Hex(InstructionPacket.Ping(1).Encode()), Is.EqualTo("FF FF 01 02 01 FB"));
    }

    [Test]
    public void Read_present_position_packet()
    {
        // 01 + 04 + 02 + 38 + 02 = 0x41 -> 0xBE
        Assert.That(Hex(InstructionPacket.Read(1, 56, 2).Encode()), Is.EqualTo("FF FF 01 04 02 38 02 BE"));
    }

    [Test]
    public void Write_goal_position_packet_is_little_endian()
    {
        // 2048 = 0x0800 -> 00 08; 01 + 05 + 03 + 2A + 00 + 08 = 0x3B -> 0xC4
        var packet = InstructionPacket.Write(1, Sts3215.GoalPosition.Address, Sts3215.GoalPosition.ToBytes(2048));
        Assert.That(Hex(packet.Encode()), Is.EqualTo("FF FF 01 05 03 2A 00 08 C4"));
    }

    [Test]
    public void Sync_read_packet_lists_ids_after_address_and_length()
    {
        // LEN = 8 params + 2 = 0x0A; FE + 0A + 82 + 38 + 02 + (1+2+3+4+5+6) = 473 = 0x1D9 -> 0xD9 -> ~ = 0x26
        var packet = InstructionPacket.SyncRead(56, 2, [1, 2, 3, 4, 5, 6]);
        Assert.That(Hex(packet.Encode()), Is.EqualTo("FF FF FE 0A 82 38 02 01 02 03 04 05 06 26"));
    }

    [Test]
    public void Sync_write_packet_interleaves_ids_and_data()
    {
        // 2048 -> 00 08, 1000 -> E8 03; LEN = 8 + 2 = 0x0A;
        // FE+0A+83+2A+02+01+00+08+02+E8+03 = 685 = 0x2AD -> 0xAD -> ~ = 0x52
        var packet = InstructionPacket.SyncWrite(42, 2, [(1, [0x00, 0x08]), (2, [0xE8, 0x03])]);
        Assert.That(Hex(packet.Encode()), Is.EqualTo("FF FF FE 0A 83 2A 02 01 00 08 02 E8 03 52"));
        Assert.That(packet.Writes().Select(w => $"{w.Id}@{w.Address}:{Hex(w.Data)}"), Is.EqualTo(new[] { "1@42:00 08", "2@42:E8 03" }));
    }

    [Test]
    public void Reg_write_and_action_packets()
    {
        // REG_WRITE id 2 Goal_Position 1000: 02+05+04+2A+E8+03 = 0x120 -> 0x20 -> ~ = 0xDF
        Assert.That(Hex(InstructionPacket.RegWrite(2, 42, [0xE8, 0x03]).Encode()), Is.EqualTo("FF FF 02 05 04 2A E8 03 DF"));
        // ACTION broadcast: FE+02+05 = 0x105 -> 0x05 -> ~ = 0xFA
        Assert.That(Hex(InstructionPacket.Action().Encode()), Is.EqualTo("FF FF FE 02 05 FA"));
    }

    [Test]
    public void Status_packet_with_data_is_framed()
    {
        // status of id 1, no fault, position 2048: 01+04+00+00+08 = 0x0D -> 0xF2
        var framer = new PacketFramer();
        framer.Append(Convert.FromHexString("FFFF01040000" + "08F2"));
        Assert.That(framer.TryTake(out var p), Is.EqualTo(FrameResult.Packet));
        Assert.That((p.Id, p.Code, Hex(p.Parameters)), Is.EqualTo(((byte)1, (byte)0, "00 08")));
        Assert.That(Sts3215.PresentPosition.FromBytes(p.Parameters), Is.EqualTo(2048));
    }

    [Test]
    public void Status_error_byte_carries_fault_bits()
    {
        // id 3, error 0x20 (overload), no data: 03+02+20 = 0x25 -> 0xDA
        var framer = new PacketFramer();
        framer.Append(Convert.FromHexString("FFFF030220DA"));
        Assert.That(framer.TryTake(out var p), Is.EqualTo(FrameResult.Packet));
        Assert.That((ServoFaults)p.Code, Is.EqualTo(ServoFaults.Overload));
    }

    [Test]
    public void Framer_skips_noise_before_a_header()
    {
        var framer = new PacketFramer();
        framer.Append(Convert.FromHexString("0013FF7E" + "FFFF030220DA"));
        Assert.That(framer.TryTake(out var p), Is.EqualTo(FrameResult.Packet));
        Assert.That(p.Id, Is.EqualTo(3));
        Assert.That(framer.SkippedBytes, Is.EqualTo(4));
    }

    [Test]
    public void Framer_slides_past_a_third_FF()
    {
        // "FF FF FF 03 ..." : id 0xFF is impossible, so the first FF is noise.
        var framer = new PacketFramer();
        framer.Append(Convert.FromHexString("FF" + "FFFF030220DA"));
        Assert.That(framer.TryTake(out var p), Is.EqualTo(FrameResult.Packet));
        Assert.That(p.Id, Is.EqualTo(3));
        Assert.That(framer.SkippedBytes, Is.EqualTo(1));
    }

    [Test]
    public void Framer_waits_for_the_rest_of_a_split_packet()
    {
        var framer = new PacketFramer();
        framer.Append(Convert.FromHexString("FFFF0104"));
        Assert.That(framer.TryTake(out _), Is.EqualTo(FrameResult.Incomplete));
        framer.Append(Convert.FromHexString("000008F2"));
        Assert.That(framer.TryTake(out var p), Is.EqualTo(FrameResult.Packet));
        Assert.That(p.Parameters, Is.EqualTo(new byte[] { 0x00, 0x08 }));
    }

    [Test]
    public void Bad_checksum_is_reported_and_the_next_packet_still_frames()
    {
        var framer = new PacketFramer();
        framer.Append(Convert.FromHexString("FFFF0104000008F3" + "FFFF030220DA"));
        Assert.That(framer.TryTake(out _), Is.EqualTo(FrameResult.ChecksumMismatch));
        Assert.That(framer.TryTake(out var p), Is.EqualTo(FrameResult.Packet));
        Assert.That(p.Id, Is.EqualTo(3));
    }

    [Test]
    public void A_length_no_packet_can_have_is_treated_as_noise()
    {
        // LEN 01 is below the minimum of 2 (instruction/error + checksum).
        var framer = new PacketFramer();
        framer.Append(Convert.FromHexString("FFFF0101" + "FFFF030220DA"));
        Assert.That(framer.TryTake(out var p), Is.EqualTo(FrameResult.Packet));
        Assert.That(p.Id, Is.EqualTo(3));
    }
}
