namespace Harness.Datasets.Video;

/// <summary>
/// How camera videos are encoded: LeRobot's default (AV1 with SVT-AV1, yuv420p, GOP 2, CRF 30) when
/// the installed ffmpeg has libsvtav1, else H.264 (libx264) with the same GOP and pixel format.
/// <see cref="Codec"/> is what info.json records (video.codec).
/// </summary>
public sealed record VideoCodecChoice(string Encoder, string Codec, IReadOnlyList<string> Options)
{
    public const string PixelFormat = "yuv420p";

    public static VideoCodecChoice Av1 { get; } = new("libsvtav1", "av1", ["-g", "2", "-crf", "30"]);

    public static VideoCodecChoice H264 { get; } = new("libx264", "h264", ["-g", "2", "-crf", "23", "-preset", "veryfast"]);

    /// <summary>AV1 when ffmpeg can encode it here, else H.264; neither is a clear error.</summary>
    public static VideoCodecChoice Best()
    {
        if (Ffmpeg.HasEncoder(Av1.Encoder)) return Av1;
        if (Ffmpeg.HasEncoder(H264.Encoder)) return H264;
        throw new VideoException($"'{Ffmpeg.Executable}' has neither libsvtav1 (AV1) nor libx264 (H.264); recording camera videos needs one. Install Debian's ffmpeg or set {Ffmpeg.Variable}.");
    }
}
