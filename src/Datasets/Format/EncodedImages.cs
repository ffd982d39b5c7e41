using Harness.Core.Robots;
using StbImageSharp;

namespace Harness.Datasets.Format;

/// <summary>Decodes the PNG (or JPEG) bytes of <c>image</c>-dtype features to RGB.</summary>
public static class EncodedImages
{
    public static CameraImage Decode(byte[] encoded, string where)
    {
        try
        {
            var img = ImageResult.FromMemory(encoded, ColorComponents.RedGreenBlue);
            return new CameraImage(img.Height, img.Width, 3, img.Data);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            throw new DatasetFormatException(where, $"holds an image that cannot be decoded ({e.Message}); expected PNG bytes as Hugging Face's Image feature stores them.", e);
        }
    }
}
