using Harness.Robots.UR.Rtde;

namespace Harness.Tests.Robots.UR;

public class RtdeWireTests
{
    [Test]
    public void Every_field_type_decodes_from_big_endian_bytes()
    {
        // Hand-packed (network order): BOOL 1, UINT8 200, INT32 -2, UINT32 3000000000, UINT64 2^40+1,
        // DOUBLE 1.5 (3FF8...), VECTOR3D (1, -2, 0.5), VECTOR6D 0..5, VECTOR6INT32 (-1, 1, -2, 2, -3, 3), VECTOR6UINT32 (1..6).
        var bytes = new List<byte> { 0x01, 0xC8, 0xFF, 0xFF, 0xFF, 0xFE, 0xB2, 0xD0, 0x5E, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01 };
        bytes.AddRange([0x3F, 0xF8, 0, 0, 0, 0, 0, 0]);
        bytes.AddRange([0x3F, 0xF0, 0, 0, 0, 0, 0, 0, 0xC0, 0x00, 0, 0, 0, 0, 0, 0, 0x3F, 0xE0, 0, 0, 0, 0, 0, 0]);
        foreach (var d in new[] { 0.0, 1, 2, 3, 4, 5 }) bytes.AddRange(BitConverter.GetBytes(d).Reverse());
        foreach (var i in new[] { -1, 1, -2, 2, -3, 3 }) bytes.AddRange(BitConverter.GetBytes(i).Reverse());
        foreach (var u in new uint[] { 1, 2, 3, 4, 5, 6 }) bytes.AddRange(BitConverter.GetBytes(u).Reverse());
        RtdeType[] types = [RtdeType.Bool, RtdeType.Uint8, RtdeType.Int32, RtdeType.Uint32, RtdeType.Uint64, RtdeType.Double,
            RtdeType.Vector3D, RtdeType.Vector6D, RtdeType.Vector6Int32, RtdeType.Vector6Uint32];

        var v = RtdeFieldCodec.Decode(bytes.ToArray(), types);

        Assert.That(bytes, Has.Count.EqualTo(1 + 1 + 4 + 4 + 8 + 8 + 24 + 48 + 24 + 24));
        Assert.That(v[0], Is.EqualTo(true));
        Assert.That(v[1], Is.EqualTo((byte)200));
        Assert.That(v[2], Is.EqualTo(-2));
        Assert.That(v[3], Is.EqualTo(3000000000u));
        Assert.That(v[4], Is.EqualTo((1UL << 40) + 1));
        Assert.That(v[5], Is.EqualTo(1.5));
        Assert.That(v[6], Is.EqualTo(new[] { 1.0, -2, 0.5 }));
        Assert.That(v[7], Is.EqualTo(new[] { 0.0, 1, 2, 3, 4, 5 }));
        Assert.That(v[8], Is.EqualTo(new[] { -1, 1, -2, 2, -3, 3 }));
        Assert.That(v[9], Is.EqualTo(new uint[] { 1, 2, 3, 4, 5, 6 }));

        var again = new byte[bytes.Count];
        RtdeFieldCodec.Encode(again, types.Select(t => t.Name()).ToArray(), types, v);
        Assert.That(again, Is.EqualTo(bytes.ToArray()));
    }

    [Test]
    public void A_package_of_the_wrong_length_for_its_recipe_is_refused()
    {
        var ex = Assert.Throws<RtdeException>(() => RtdeFieldCodec.Decode(new byte[7], [RtdeType.Double]));
        Assert.That(ex!.Message, Does.Contain("7").And.Contain("needs 8"));
    }

    [Test]
    public void Frames_carry_size_including_the_header_then_the_command_letter()
    {
        var f = RtdeWire.Frame(RtdeCommand.RequestProtocolVersion, RtdeWire.UInt16(2));
        Assert.That(f, Is.EqualTo(new byte[] { 0x00, 0x05, (byte)'V', 0x00, 0x02 }));
    }

    [Test]
    public void Protocol_2_text_message_is_length_prefixed_message_then_source_then_level()
    {
        byte[] payload = [3, (byte)'a', (byte)'b', (byte)'c', 2, (byte)'U', (byte)'R', 1];
        var m = RtdeWire.ParseTextMessage(payload, 2);
        Assert.That(m, Is.EqualTo(new RtdeTextMessage(RtdeMessageLevel.Error, "UR", "abc")));
        Assert.That(RtdeWire.TextMessage(m), Is.EqualTo(payload));
    }

    [Test]
    public void Setup_reply_is_recipe_id_then_comma_separated_types()
    {
        byte[] payload = [7, .. "DOUBLE,NOT_FOUND"u8.ToArray()];
        var (id, words) = RtdeWire.ParseSetupReply(payload);
        Assert.That(id, Is.EqualTo(7));
        Assert.That(words, Is.EqualTo(new[] { "DOUBLE", "NOT_FOUND" }));
    }

    [Test]
    public void Output_setup_request_is_a_big_endian_frequency_then_names()
    {
        var p = RtdeWire.SetupOutputsRequest(500, ["timestamp", "actual_q"]);
        Assert.That(p[..8], Is.EqualTo(new byte[] { 0x40, 0x7F, 0x40, 0, 0, 0, 0, 0 }));
        Assert.That(System.Text.Encoding.ASCII.GetString(p[8..]), Is.EqualTo("timestamp,actual_q"));
    }
}
