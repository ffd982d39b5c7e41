using Harness.Policies.Remote.Msgpack;
using NUnit.Framework;

namespace Harness.Tests.Remote;

/// <summary>Byte vectors written by hand from the msgpack specification.</summary>
public class MsgpackCodecTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    private static byte[] Pack(object? value)
    {
        var w = new MsgpackWriter(1);
        w.Write(value);
        return w.ToArray();
    }

    private static readonly object?[][] Scalars =
    [
        [null, "c0"], [false, "c2"], [true, "c3"],
        [0L, "00"], [127L, "7f"], [128L, "cc 80"], [255L, "cc ff"], [256L, "cd 01 00"], [65535L, "cd ff ff"],
        [65536L, "ce 00 01 00 00"], [4294967295L, "ce ff ff ff ff"], [4294967296L, "cf 00 00 00 01 00 00 00 00"],
        [long.MaxValue, "cf 7f ff ff ff ff ff ff ff"], [ulong.MaxValue, "cf ff ff ff ff ff ff ff ff"],
        [-1L, "ff"], [-32L, "e0"], [-33L, "d0 df"], [-128L, "d0 80"], [-129L, "d1 ff 7f"], [-32768L, "d1 80 00"],
        [-32769L, "d2 ff ff 7f ff"], [(long)int.MinValue, "d2 80 00 00 00"], [(long)int.MinValue - 1, "d3 ff ff ff ff 7f ff ff ff"],
        [long.MinValue, "d3 80 00 00 00 00 00 00 00"],
        [1.5f, "ca 3f c0 00 00"], [1.5, "cb 3f f8 00 00 00 00 00 00"], [-0.0, "cb 80 00 00 00 00 00 00 00"],
        ["", "a0"], ["a", "a1 61"], ["é", "a2 c3 a9"],
    ];

    [TestCaseSource(nameof(Scalars))]
    public void Scalar_encodes_to_the_smallest_form_and_decodes_back(object? value, string hex)
    {
        Assert.That(Convert.ToHexString(Pack(value)), Is.EqualTo(hex.Replace(" ", "").ToUpperInvariant()));
        Assert.That(MsgpackReader.Read(Hex(hex)), Is.EqualTo(value));
    }

    [TestCase(31, "bf", 1)]
    [TestCase(32, "d920", 2)]
    [TestCase(255, "d9ff", 2)]
    [TestCase(256, "da0100", 3)]
    [TestCase(65535, "daffff", 3)]
    [TestCase(65536, "db00010000", 5)]
    public void String_lengths_pick_fixstr_str8_str16_str32(int length, string header, int headerBytes)
    {
        string s = new('x', length);
        var bytes = Pack(s);
        Assert.That(Convert.ToHexString(bytes, 0, headerBytes), Is.EqualTo(header.ToUpperInvariant()));
        Assert.That(bytes.Length, Is.EqualTo(headerBytes + length));
        Assert.That(MsgpackReader.Read(bytes), Is.EqualTo(s));
    }

    [TestCase(0, "c400", 2)]
    [TestCase(255, "c4ff", 2)]
    [TestCase(256, "c50100", 3)]
    [TestCase(65536, "c600010000", 5)]
    public void Binary_lengths_pick_bin8_bin16_bin32(int length, string header, int headerBytes)
    {
        var data = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        var bytes = Pack(data);
        Assert.That(Convert.ToHexString(bytes, 0, headerBytes), Is.EqualTo(header.ToUpperInvariant()));
        Assert.That(MsgpackReader.Read(bytes), Is.EqualTo(data));
    }

    [TestCase(0, "90", 1)]
    [TestCase(15, "9f", 1)]
    [TestCase(16, "dc0010", 3)]
    [TestCase(65535, "dcffff", 3)]
    [TestCase(65536, "dd00010000", 5)]
    public void Array_lengths_pick_fixarray_array16_array32(int count, string header, int headerBytes)
    {
        var items = Enumerable.Range(0, count).Select(i => (object?)(long)(i % 100)).ToArray();
        var bytes = Pack(items);
        Assert.That(Convert.ToHexString(bytes, 0, headerBytes), Is.EqualTo(header.ToUpperInvariant()));
        Assert.That(MsgpackReader.Read(bytes), Is.EqualTo(items));
    }

    [TestCase(0, "80", 1)]
    [TestCase(15, "8f", 1)]
    [TestCase(16, "de0010", 3)]
    [TestCase(65536, "df00010000", 5)]
    public void Map_lengths_pick_fixmap_map16_map32(int count, string header, int headerBytes)
    {
        var dict = Enumerable.Range(0, count).ToDictionary(i => $"k{i}", i => (object?)(long)i);
        var bytes = Pack(dict);
        Assert.That(Convert.ToHexString(bytes, 0, headerBytes), Is.EqualTo(header.ToUpperInvariant()));
        var map = (MsgpackMap)MsgpackReader.Read(bytes)!;
        Assert.That(map.Count, Is.EqualTo(count));
        if (count > 0)
        {
            Assert.That(map.TryGet($"k{count - 1}", out var last), Is.True);
            Assert.That(last, Is.EqualTo((long)(count - 1)));
        }
    }

    [Test]
    public void Nested_document_matches_the_hand_written_bytes()
    {
        // {"a": [1, -1, nil], "b": {"c": true}}
        var doc = new Dictionary<string, object?>
        {
            ["a"] = new object?[] { 1L, -1L, null },
            ["b"] = new Dictionary<string, object?> { ["c"] = true },
        };
        Assert.That(Convert.ToHexString(Pack(doc)), Is.EqualTo("82A161930 1FFC0A16281A163C3".Replace(" ", "")));
    }

    [TestCase("cc 05", 5L)]
    [TestCase("d0 05", 5L)]
    [TestCase("cd 00 05", 5L)]
    [TestCase("d3 00 00 00 00 00 00 00 05", 5L)]
    [TestCase("d9 01 61", "a")]
    [TestCase("da 00 01 61", "a")]
    [TestCase("db 00 00 00 01 61", "a")]
    public void Non_minimal_encodings_are_accepted(string hex, object expected) =>
        Assert.That(MsgpackReader.Read(Hex(hex)), Is.EqualTo(expected));

    [Test]
    public void Sixteen_and_thirty_two_bit_containers_decode_with_small_counts()
    {
        Assert.That(MsgpackReader.Read(Hex("dc 00 02 01 02")), Is.EqualTo(new object?[] { 1L, 2L }));
        Assert.That(MsgpackReader.Read(Hex("dd 00 00 00 01 c3")), Is.EqualTo(new object?[] { true }));
        var map = (MsgpackMap)MsgpackReader.Read(Hex("de 00 01 a1 78 07"))!;
        Assert.That(map.TryGet("x", out var x) && x is 7L, Is.True);
        map = (MsgpackMap)MsgpackReader.Read(Hex("df 00 00 00 01 c4 01 79 08"))!;
        Assert.That(map.TryGet("y", out var y) && y is 8L, Is.True, "a bin key is found by name too");
        Assert.That(MsgpackReader.Read(Hex("c5 00 02 aa bb")), Is.EqualTo(new byte[] { 0xaa, 0xbb }));
        Assert.That(MsgpackReader.Read(Hex("c6 00 00 00 01 cc")), Is.EqualTo(new byte[] { 0xcc }));
    }

    [TestCase("d4 01 00", "extension")]
    [TestCase("d5 01 00 00", "extension")]
    [TestCase("d6 01 00 00 00 00", "extension")]
    [TestCase("d7 01 00 00 00 00 00 00 00 00", "extension")]
    [TestCase("d8 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", "extension")]
    [TestCase("c7 01 05 00", "extension")]
    [TestCase("c8 00 01 05 00", "extension")]
    [TestCase("c9 00 00 00 01 05 00", "extension")]
    [TestCase("c1", "never used")]
    [TestCase("cd 01", "truncated")]
    [TestCase("a3 61 62", "truncated")]
    [TestCase("92 01", "elements")]
    [TestCase("92 01 cd", "truncated")]
    [TestCase("dd 7f ff ff ff", "elements")]
    [TestCase("df 7f ff ff ff", "entries")]
    [TestCase("c6 7f ff ff ff", "truncated")]
    [TestCase("01 02", "exactly one document")]
    [TestCase("a2 c3 28", "UTF-8")]
    [TestCase("", "truncated")]
    public void Invalid_input_fails_with_a_clear_message(string hex, string expected)
    {
        var ex = Assert.Throws<MsgpackFormatException>(() => MsgpackReader.Read(Hex(hex)));
        Assert.That(ex!.Message, Does.Contain(expected));
    }

    [Test]
    public void Deep_nesting_is_refused_instead_of_overflowing_the_stack()
    {
        var bytes = Enumerable.Repeat((byte)0x91, 100_000).Append((byte)0xc0).ToArray();
        var ex = Assert.Throws<MsgpackFormatException>(() => MsgpackReader.Read(bytes));
        Assert.That(ex!.Message, Does.Contain("nesting"));
    }

    [Test]
    public void Writer_refuses_types_it_cannot_encode()
    {
        var ex = Assert.Throws<MsgpackFormatException>(() => Pack(new Uri("http://x")));
        Assert.That(ex!.Message, Does.Contain("Uri"));
    }

    [Test]
    public void Random_trees_round_trip()
    {
        var rng = new Random(7);
        for (int i = 0; i < 200; i++)
        {
            var value = RandomValue(rng, 0);
            var back = MsgpackReader.Read(Pack(value));
            Assert.That(Normalize(back), Is.EqualTo(Normalize(value)));
        }
    }

    private static object? RandomValue(Random rng, int depth) => rng.Next(depth > 3 ? 7 : 9) switch
    {
        0 => null,
        1 => rng.Next(2) == 0,
        2 => rng.NextInt64(long.MinValue, long.MaxValue) >> rng.Next(64),
        3 => rng.NextDouble() * 1e6 - 5e5,
        4 => (float)rng.NextDouble(),
        5 => new string('z', rng.Next(300)),
        6 => Enumerable.Range(0, rng.Next(400)).Select(_ => (byte)rng.Next(256)).ToArray(),
        7 => Enumerable.Range(0, rng.Next(20)).Select(_ => RandomValue(rng, depth + 1)).ToArray(),
        _ => Enumerable.Range(0, rng.Next(20)).ToDictionary(k => $"key{k}", _ => RandomValue(rng, depth + 1)),
    };

    // Maps decode as MsgpackMap; compare them as key/value lists.
    private static object? Normalize(object? v) => v switch
    {
        MsgpackMap m => m.Entries.Select(e => new object?[] { e.Key, Normalize(e.Value) }).ToArray(),
        IReadOnlyDictionary<string, object?> d => d.Select(e => new object?[] { e.Key, Normalize(e.Value) }).ToArray(),
        object?[] a => a.Select(Normalize).ToArray(),
        _ => v,
    };
}
