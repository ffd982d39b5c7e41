using System.Globalization;
using System.Text;

namespace Harness.Datasets.Export;

/// <summary>
/// numpy's .npy format, version 1.0: magic "\x93NUMPY", version 1 0, a little-endian uint16 header
/// length, then a Python dict literal (descr, fortran_order, shape) padded with spaces and ended by
/// a newline so that the data starts at a multiple of 64 bytes; then the raw C-order data.
/// </summary>
public static class NpyFormat
{
    public static byte[] Header(string descr, IReadOnlyList<long> shape)
    {
        string dims = shape.Count == 1 ? $"{shape[0]}," : string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture)));
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}";
        int unpadded = 6 + 2 + 2 + dict.Length + 1;
        int total = (unpadded + 63) / 64 * 64;
        string text = dict + new string(' ', total - unpadded) + "\n";
        var header = new byte[10 + text.Length];
        header[0] = 0x93;
        Encoding.ASCII.GetBytes("NUMPY").CopyTo(header, 1);
        header[6] = 1;
        header[7] = 0;
        BitConverter.TryWriteBytes(header.AsSpan(8, 2), (ushort)text.Length);
        Encoding.ASCII.GetBytes(text).CopyTo(header, 10);
        return header;
    }

    public const string Float32 = "<f4";
    public const string Float64 = "<f8";
    public const string Int64 = "<i8";
    public const string UInt8 = "|u1";
}
