using Harness.Core.Robots;
using Harness.Datasets.Format;

namespace Harness.Datasets.Writing;

/// <summary>
/// What a dataset being recorded holds: the robot type, the frame rate and the recorded features
/// (float32 vectors such as observation.state and action with their names; cameras as
/// <c>video</c> features of shape [H, W, 3]). The default columns (timestamp, indices) are added by the writer.
/// </summary>
public sealed record DatasetSpec(string RobotType, int Fps, IReadOnlyList<FeatureInfo> Features)
{
    public static FeatureInfo Vector(string name, IReadOnlyList<string> names) =>
        new(name, "float32", [names.Count], FeatureNameList.Of(names));

    public static FeatureInfo Camera(string name, int height, int width) =>
        new(name, FeatureInfo.Video, [height, width, 3], FeatureNameList.Of(["height", "width", "channels"]));

    public void Validate()
    {
        if (Fps <= 0) throw new ArgumentException($"fps is {Fps}; a dataset needs a positive frame rate.");
        foreach (var f in Features)
        {
            if (DefaultFeatures.IsDefault(f.Name))
                throw new ArgumentException($"feature '{f.Name}' is one of the columns every dataset has; the writer adds it.");
            if (f.IsVideo && (f.Shape.Count != 3 || f.Shape[2] != 3))
                throw new ArgumentException($"camera feature '{f.Name}' has shape {f.ShapeText}; expected [height, width, 3].");
            if (!f.IsVideo && f.DType != "float32")
                throw new ArgumentException($"feature '{f.Name}' is {f.DType}; LeRobot stores robot vectors as float32 and cameras as video.");
        }
        var dup = Features.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"feature '{dup.Key}' is listed twice.");
    }
}

/// <summary>
/// One recorded frame: float32 values per vector feature, an RGB image per camera feature, and
/// optionally its time (default frame_index / fps, which is what LeRobot's readers expect).
/// </summary>
public sealed record DatasetFrame(
    IReadOnlyDictionary<string, float[]> Values,
    IReadOnlyDictionary<string, CameraImage> Images,
    double? Timestamp = null);

/// <summary>The layout to write: LeRobot v3.0 (default) or v2.1 (what openpi's pinned LeRobot reads).</summary>
public enum RecordFormat { V30, V21 }

/// <summary>Codec null: the best the installed ffmpeg has (AV1, else H.264).</summary>
public sealed record DatasetWriterOptions(
    bool Overwrite = false,
    Video.VideoCodecChoice? Codec = null,
    int DataFilesSizeInMb = 100,
    int VideoFilesSizeInMb = 200,
    int ChunksSize = 1000);
