using Harness.Core.Robots;

namespace Harness.Robots.Cameras;

/// <summary>
/// A decoded frame as it arrived: the image (RGB), its number in the stream, when it arrived
/// (Stopwatch timestamp) and a fingerprint of its pixels (equal fingerprints: the same picture).
/// </summary>
public sealed record CameraFrame(CameraImage Image, long Sequence, long ArrivedAt, ulong Fingerprint)
{
    /// <summary>FNV-1a over every 7th byte: cheap, and any sensor noise changes it.</summary>
    public static ulong FingerprintOf(ReadOnlySpan<byte> pixels)
    {
        ulong h = 14695981039346656037UL;
        for (int i = 0; i < pixels.Length; i += 7)
        {
            h ^= pixels[i];
            h *= 1099511628211UL;
        }
        return h;
    }
}
