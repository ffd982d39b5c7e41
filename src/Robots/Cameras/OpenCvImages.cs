using Harness.Core.Robots;
using OpenCvSharp;

namespace Harness.Robots.Cameras;

/// <summary>The one place that turns our RGB <see cref="CameraImage"/>s into OpenCV matrices (BGR) and back, and codes JPEG.</summary>
public static class OpenCvImages
{
    /// <summary>A BGR copy of an RGB image (the caller disposes it).</summary>
    public static Mat ToBgr(CameraImage image)
    {
        if (image.Channels != 3) throw new ArgumentException($"expected an RGB image (3 channels); got {image.Channels}.");
        using var rgb = Mat.FromPixelData(image.Height, image.Width, MatType.CV_8UC3, image.Pixels);
        var bgr = new Mat();
        Cv2.CvtColor(rgb, bgr, ColorConversionCodes.RGB2BGR);
        return bgr;
    }

    /// <summary>An RGB image from a BGR (or grey) matrix.</summary>
    public static CameraImage FromBgr(Mat bgr)
    {
        using var rgb = new Mat();
        Cv2.CvtColor(bgr, rgb, bgr.Channels() == 1 ? ColorConversionCodes.GRAY2RGB : ColorConversionCodes.BGR2RGB);
        var pixels = new byte[rgb.Rows * rgb.Cols * 3];
        rgb.AsSpan<byte>()[..pixels.Length].CopyTo(pixels);
        return new CameraImage(rgb.Rows, rgb.Cols, 3, pixels);
    }

    public static byte[] EncodeJpeg(CameraImage image, int quality = 90)
    {
        using var bgr = ToBgr(image);
        Cv2.ImEncode(".jpg", bgr, out var jpeg, [(int)ImwriteFlags.JpegQuality, quality]);
        return jpeg;
    }

    /// <summary>Decodes a JPEG (or any format OpenCV reads); null when the bytes are not an image.</summary>
    public static CameraImage? Decode(ReadOnlySpan<byte> encoded)
    {
        using var bgr = Cv2.ImDecode(encoded, ImreadModes.Color);
        return bgr.Empty() ? null : FromBgr(bgr);
    }
}
