using Harness.Core.Robots;
using Harness.Policies.Remote.Msgpack;

namespace Harness.Policies.Remote.Layouts;

/// <summary>Camera images as uint8 arrays in either axis order.</summary>
public static class ImageTensors
{
    public static NdArray ToArray(CameraImage image, ImageAxes axes) => axes == ImageAxes.HWC
        ? NdArray.FromBytes(image.Pixels, image.Height, image.Width, image.Channels)
        : NdArray.FromBytes(HwcToChw(image.Pixels, image.Height, image.Width, image.Channels), image.Channels, image.Height, image.Width);

    public static byte[] HwcToChw(byte[] hwc, int h, int w, int c)
    {
        var chw = new byte[hwc.Length];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int ch = 0; ch < c; ch++)
                    chw[(ch * h + y) * w + x] = hwc[(y * w + x) * c + ch];
        return chw;
    }

    public static byte[] ChwToHwc(byte[] chw, int c, int h, int w)
    {
        var hwc = new byte[chw.Length];
        for (int ch = 0; ch < c; ch++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    hwc[(y * w + x) * c + ch] = chw[(ch * h + y) * w + x];
        return hwc;
    }
}
