using Harness.Core.Robots;
using Harness.Policies.Remote.Layouts;
using NUnit.Framework;

namespace Harness.Tests.Remote;

public class ImageResizeTests
{
    private static CameraImage Solid(int h, int w, byte r, byte g, byte b)
    {
        var px = new byte[h * w * 3];
        for (int i = 0; i < h * w; i++) { px[i * 3] = r; px[i * 3 + 1] = g; px[i * 3 + 2] = b; }
        return new CameraImage(h, w, 3, px);
    }

    [Test]
    public void Image_of_the_target_size_is_returned_unchanged()
    {
        var img = Solid(224, 224, 1, 2, 3);
        Assert.That(ImageResize.ResizeWithPad(img, 224, 224), Is.SameAs(img));
    }

    [Test]
    public void Wide_image_keeps_its_aspect_and_is_padded_black_above_and_below()
    {
        // 50x100 -> ratio 100/224; content 112x224 at rows 56..167.
        var result = ImageResize.ResizeWithPad(Solid(50, 100, 200, 100, 50), 224, 224);
        Assert.That((result.Height, result.Width, result.Channels), Is.EqualTo((224, 224, 3)));
        for (int row = 0; row < 224; row++)
        {
            bool content = row is >= 56 and < 168;
            foreach (int col in new[] { 0, 111, 223 })
                Assert.That((result.At(row, col, 0), result.At(row, col, 1), result.At(row, col, 2)),
                    Is.EqualTo(content ? ((byte)200, (byte)100, (byte)50) : ((byte)0, (byte)0, (byte)0)), $"row {row} col {col}");
        }
    }

    [Test]
    public void Tall_image_is_padded_left_and_right_with_integer_truncated_sizes()
    {
        // 480x270 -> ratio 480/224; width int(270/(480/224)) = 126, left pad (224-126)/2 = 49.
        var result = ImageResize.ResizeWithPad(Solid(480, 270, 9, 9, 9), 224, 224);
        Assert.That(result.At(100, 48, 0), Is.EqualTo(0));
        Assert.That(result.At(100, 49, 0), Is.EqualTo(9));
        Assert.That(result.At(100, 174, 0), Is.EqualTo(9));
        Assert.That(result.At(100, 175, 0), Is.EqualTo(0));
        Assert.That(result.At(0, 100, 0), Is.EqualTo(9));
        Assert.That(result.At(223, 100, 0), Is.EqualTo(9));
    }

    [Test]
    public void Halving_uses_the_widened_triangle_kernel()
    {
        // One row [0, 100, 200, 255] -> 2 columns. Scale 2 widens the kernel to support 2:
        // out0 centre 1.0 takes in0..2 with weights .75,.75,.25 (sum 1.75) -> 71.43 -> 71;
        // out1 centre 3.0 takes in1..3 with weights .25,.75,.75 -> 209.29 -> 209.
        var row = new CameraImage(1, 4, 1, [0, 100, 200, 255]);
        Assert.That(ImageResize.Resample(row, 1, 2), Is.EqualTo(new byte[] { 71, 209 }));
    }

    [Test]
    public void Doubling_interpolates_between_neighbours()
    {
        // [0, 100] -> 4 columns; output centres 0.25, 0.75, 1.25, 1.75 in source units. The edge
        // outputs see only their own pixel; the inner ones mix .75/.25 -> 25 and 75.
        var row = new CameraImage(1, 2, 1, [0, 100]);
        Assert.That(ImageResize.Resample(row, 1, 4), Is.EqualTo(new byte[] { 0, 25, 75, 100 }));
    }

    [Test]
    public void Upscaling_a_solid_image_keeps_its_colour()
    {
        var result = ImageResize.Resample(Solid(3, 5, 17, 130, 250), 224, 224);
        for (int i = 0; i < result.Length; i += 3)
            Assert.That((result[i], result[i + 1], result[i + 2]), Is.EqualTo(((byte)17, (byte)130, (byte)250)));
    }

    [Test]
    public void Chw_and_hwc_conversions_are_inverse_and_place_channels_first()
    {
        byte[] hwc = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]; // 2x2 pixels, RGB
        var chw = ImageTensors.HwcToChw(hwc, 2, 2, 3);
        Assert.That(chw, Is.EqualTo(new byte[] { 1, 4, 7, 10, 2, 5, 8, 11, 3, 6, 9, 12 }));
        Assert.That(ImageTensors.ChwToHwc(chw, 3, 2, 2), Is.EqualTo(hwc));
    }
}
