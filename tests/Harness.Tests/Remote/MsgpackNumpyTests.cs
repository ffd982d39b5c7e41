using System.Text;
using Harness.Policies.Remote.Msgpack;
using NUnit.Framework;

namespace Harness.Tests.Remote;

/// <summary>msgpack_numpy maps, written by hand: bin keys, dtype.str, C-order data, shape array.</summary>
public class MsgpackNumpyTests
{
    private static string Bin(string key) => $"c4{Encoding.ASCII.GetByteCount(key):x2}{Convert.ToHexString(Encoding.ASCII.GetBytes(key))}";
    private static string Str(string s) => $"{0xa0 | s.Length:x2}{Convert.ToHexString(Encoding.ASCII.GetBytes(s))}";

    // np.array([1.0, 2.0], dtype='<f4') as openpi's packer writes it.
    private static readonly string Float32Vector =
        "84" + Bin("__ndarray__") + "c3" + Bin("data") + "c408" + "0000803f00000040" + Bin("dtype") + Str("<f4") + Bin("shape") + "9102";

    [Test]
    public void Float32_vector_matches_the_reference_bytes_both_ways()
    {
        var array = NdArray.FromFloats([1.0, 2.0], 2);
        Assert.That(Convert.ToHexString(MsgpackNumpy.Pack(array)), Is.EqualTo(Float32Vector.ToUpperInvariant()));
        var back = (NdArray)MsgpackNumpy.Unpack(Convert.FromHexString(Float32Vector))!;
        Assert.That(back.DType.Str, Is.EqualTo("<f4"));
        Assert.That(back.Shape, Is.EqualTo(new[] { 2 }));
        Assert.That(back.ToDoubles(), Is.EqualTo(new[] { 1.0, 2.0 }));
    }

    [Test]
    public void Uint8_image_and_float64_matrix_round_trip()
    {
        var image = NdArray.FromBytes([1, 2, 3, 4, 5, 6], 1, 2, 3);
        string hex = "84" + Bin("__ndarray__") + "c3" + Bin("data") + "c406010203040506" + Bin("dtype") + Str("|u1") + Bin("shape") + "93010203";
        Assert.That(Convert.ToHexString(MsgpackNumpy.Pack(image)), Is.EqualTo(hex.ToUpperInvariant()));

        var matrix = NdArray.FromDoubles([1.5, -2, 0.25, 1e300, double.Epsilon, -0.0], 2, 3);
        var back = (NdArray)MsgpackNumpy.Unpack(MsgpackNumpy.Pack(matrix))!;
        Assert.That(back.Shape, Is.EqualTo(new[] { 2, 3 }));
        Assert.That(back.ToDoubles(), Is.EqualTo(matrix.ToDoubles()));
        Assert.That(back.Data, Is.EqualTo(matrix.Data));
    }

    [TestCase("|b1", "0100", new[] { 1.0, 0.0 })]
    [TestCase("|i1", "ff7f", new[] { -1.0, 127.0 })]
    [TestCase("|u1", "ff00", new[] { 255.0, 0.0 })]
    [TestCase("<i2", "feff", new[] { -2.0 })]
    [TestCase(">i2", "fffe", new[] { -2.0 })]
    [TestCase("<u2", "feff", new[] { 65534.0 })]
    [TestCase("<i4", "ffffffff", new[] { -1.0 })]
    [TestCase("<u4", "ffffffff", new[] { 4294967295.0 })]
    [TestCase("<i8", "0300000000000000", new[] { 3.0 })]
    [TestCase(">i8", "0000000000000003", new[] { 3.0 })]
    [TestCase("<u8", "0400000000000000", new[] { 4.0 })]
    [TestCase("<f2", "003c", new[] { 1.0 })]
    [TestCase("<f4", "0000c03f", new[] { 1.5 })]
    [TestCase(">f4", "3fc00000", new[] { 1.5 })]
    [TestCase("<f8", "000000000000f83f", new[] { 1.5 })]
    [TestCase(">f8", "3ff8000000000000", new[] { 1.5 })]
    [TestCase("=f8", "000000000000f83f", new[] { 1.5 })]
    public void Every_numeric_dtype_reads_as_doubles(string dtype, string dataHex, double[] expected)
    {
        int n = expected.Length;
        string hex = "84" + Bin("__ndarray__") + "c3" + Bin("data") + $"c4{dataHex.Length / 2:x2}{dataHex}" + Bin("dtype") + Str(dtype) + Bin("shape") + $"91{n:x2}";
        var array = (NdArray)MsgpackNumpy.Unpack(Convert.FromHexString(hex))!;
        Assert.That(array.ToDoubles(), Is.EqualTo(expected));
    }

    [TestCase("<c8", "complex")]
    [TestCase("<c16", "complex")]
    [TestCase("|O", "object")]
    [TestCase("|V8", "void")]
    [TestCase("<U4", "not supported")]
    [TestCase("<f16", "not supported")]
    [TestCase("<i3", "not supported")]
    [TestCase("<f", "item size")]
    [TestCase("|f4", "byte order")]
    public void Unsupported_dtypes_are_refused(string dtype, string expected)
    {
        string hex = "84" + Bin("__ndarray__") + "c3" + Bin("data") + "c400" + Bin("dtype") + Str(dtype) + Bin("shape") + "9100";
        var ex = Assert.Throws<MsgpackFormatException>(() => MsgpackNumpy.Unpack(Convert.FromHexString(hex)));
        Assert.That(ex!.Message, Does.Contain(expected));
    }

    [Test]
    public void Data_length_that_disagrees_with_shape_names_the_field()
    {
        // {"actions": <f8 array claiming shape [2] with 8 bytes>}
        string array = "84" + Bin("__ndarray__") + "c3" + Bin("data") + "c408" + "0000000000000000" + Bin("dtype") + Str("<f8") + Bin("shape") + "9102";
        var ex = Assert.Throws<MsgpackFormatException>(() => MsgpackNumpy.Unpack(Convert.FromHexString("81" + Str("actions") + array)));
        Assert.That(ex!.Message, Does.Contain("'actions'").And.Contain("16 bytes"));
    }

    [Test]
    public void Missing_or_mistyped_array_fields_name_the_field()
    {
        string noShape = "83" + Bin("__ndarray__") + "c3" + Bin("data") + "c400" + Bin("dtype") + Str("<f8");
        var ex = Assert.Throws<MsgpackFormatException>(() => MsgpackNumpy.Unpack(Convert.FromHexString("81" + Str("state") + noShape)));
        Assert.That(ex!.Message, Does.Contain("'state'").And.Contain("shape"));
        string strData = "84" + Bin("__ndarray__") + "c3" + Bin("data") + Str("ab") + Bin("dtype") + Str("|u1") + Bin("shape") + "9102";
        ex = Assert.Throws<MsgpackFormatException>(() => MsgpackNumpy.Unpack(Convert.FromHexString(strData)));
        Assert.That(ex!.Message, Does.Contain("'data' must be bin"));
    }

    [Test]
    public void Numpy_scalar_uses_the_plain_value_and_round_trips()
    {
        // np.float32(1.5): item() gives a Python float, packed as float64.
        string hex = "83" + Bin("__npgeneric__") + "c3" + Bin("data") + "cb3ff8000000000000" + Bin("dtype") + Str("<f4");
        var scalar = (NumpyScalar)MsgpackNumpy.Unpack(Convert.FromHexString(hex))!;
        Assert.That(scalar.DType.Str, Is.EqualTo("<f4"));
        Assert.That(scalar.ToDouble(), Is.EqualTo(1.5));
        Assert.That(Convert.ToHexString(MsgpackNumpy.Pack(new NumpyScalar(NumpyDType.Float32, 1.5))), Is.EqualTo(hex.ToUpperInvariant()));

        string intScalar = "83" + Bin("__npgeneric__") + "c3" + Bin("data") + "07" + Bin("dtype") + Str("<i8");
        Assert.That(((NumpyScalar)MsgpackNumpy.Unpack(Convert.FromHexString(intScalar))!).ToDouble(), Is.EqualTo(7));
    }

    [Test]
    public void Arrays_inside_nested_maps_and_lists_are_converted()
    {
        var doc = new Dictionary<string, object?>
        {
            ["images"] = new Dictionary<string, object?> { ["cam_high"] = NdArray.FromBytes([9, 8], 2) },
            ["list"] = new object?[] { NdArray.FromDoubles([3.0]), "x" },
            ["prompt"] = "pick",
        };
        var map = (MsgpackMap)MsgpackNumpy.Unpack(MsgpackNumpy.Pack(doc))!;
        map.TryGet("images", out var images);
        ((MsgpackMap)images!).TryGet("cam_high", out var cam);
        Assert.That(((NdArray)cam!).Data, Is.EqualTo(new byte[] { 9, 8 }));
        map.TryGet("list", out var list);
        Assert.That(((NdArray)((object?[])list!)[0]!).ToDoubles(), Is.EqualTo(new[] { 3.0 }));
    }

    [Test]
    public void Str_keys_and_bin_dtype_are_tolerated_when_decoding()
    {
        string hex = "84" + Str("__ndarray__") + "c3" + Str("data") + "c401" + "05" + Str("dtype") + Bin("|u1") + Str("shape") + "9101";
        Assert.That(((NdArray)MsgpackNumpy.Unpack(Convert.FromHexString(hex))!).ToDoubles(), Is.EqualTo(new[] { 5.0 }));
    }
}
