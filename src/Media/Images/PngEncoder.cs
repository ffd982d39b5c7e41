using System.Buffers.Binary;
using System.IO.Compression;
using Harness.Core.Robots;

namespace Harness.Media.Images;

/// <summary>
/// Writes 8-bit RGB PNG files (IHDR, one IDAT, IEND) with the BCL's zlib; no image library.
/// Rows use the "Up" filter, which compresses rendered scenes well and is deterministic.
/// </summary>
public static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static void Write(string path, CameraImage image)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        File.WriteAllBytes(path, Encode(image));
    }

    public static byte[] Encode(CameraImage image)
    {
        if (image.Channels != 3)
            throw new ArgumentException($"PNG encoder expects RGB images (3 channels); got {image.Channels}.");
        int stride = image.Width * 3;
        var raw = new byte[image.Height * (stride + 1)];
        for (int y = 0; y < image.Height; y++)
        {
            int o = y * (stride + 1);
            var row = image.Pixels.AsSpan(y * stride, stride);
            if (y == 0) { raw[o] = 0; row.CopyTo(raw.AsSpan(o + 1)); continue; }
            raw[o] = 2; // Up: difference to the row above
            var above = image.Pixels.AsSpan((y - 1) * stride, stride);
            for (int x = 0; x < stride; x++) raw[o + 1 + x] = (byte)(row[x] - above[x]);
        }
        byte[] idat;
        using (var ms = new MemoryStream())
        {
            using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw);
            idat = ms.ToArray();
        }

        using var png = new MemoryStream();
        png.Write(Signature);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(0), image.Width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), image.Height);
        ihdr[8] = 8;  // bit depth
        ihdr[9] = 2;  // colour type: truecolour
        ihdr[10] = 0; // deflate
        ihdr[11] = 0; // adaptive filtering
        ihdr[12] = 0; // no interlace
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", idat);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream s, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> head = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(head, data.Length);
        for (int i = 0; i < 4; i++) head[4 + i] = (byte)type[i];
        s.Write(head);
        s.Write(data);
        uint crc = Crc32.Update(Crc32.Update(0xFFFFFFFFu, head[4..]), data) ^ 0xFFFFFFFFu;
        Span<byte> tail = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(tail, crc);
        s.Write(tail);
    }

    /// <summary>The CRC-32 of ISO 3309 / PNG (polynomial 0xEDB88320, reflected).</summary>
    internal static class Crc32
    {
        private static readonly uint[] Table = Build();

        private static uint[] Build()
        {
            var t = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                t[n] = c;
            }
            return t;
        }

        public static uint Update(uint crc, ReadOnlySpan<byte> data)
        {
            foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            return crc;
        }
    }
}
