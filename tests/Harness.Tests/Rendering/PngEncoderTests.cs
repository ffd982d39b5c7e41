using Harness.Media.Images;
using Harness.Media.Video;
using Harness.Core.Robots;
using Harness.Sim.Rendering;

namespace Harness.Tests.Rendering;

public class PngEncoderTests
{
    [Test]
    public void Ffmpeg_decodes_our_png_to_the_same_pixels()
    {
        var rnd = new Random(7);
        var pixels = new byte[37 * 53 * 3];
        rnd.NextBytes(pixels);
        for (int i = 0; i < 600; i++) pixels[i] = 200; // a flat run, as rendered images have
        var image = new CameraImage(37, 53, 3, pixels);
        string path = Path.Combine(Path.GetTempPath(), $"harness-png-{Guid.NewGuid():N}.png");
        try
        {
            PngEncoder.Write(path, image);
            Assert.That(ProcessRunner.DecodeRgb(path), Is.EqualTo(pixels));
        }
        finally { File.Delete(path); }
    }

    [Test]
    public void Chunk_crc_matches_the_png_specification_example()
    {
        // CRC-32 of "IEND" with no data is the well-known AE 42 60 82.
        var png = PngEncoder.Encode(new CameraImage(1, 1, 3, [1, 2, 3]));
        Assert.That(png[^4..], Is.EqualTo(new byte[] { 0xAE, 0x42, 0x60, 0x82 }));
    }
}
