using Harness.Core.Robots;
using Harness.Datasets.Format;

namespace Harness.Datasets.Video;

/// <summary>One camera's frames of one episode, from its video (decoded by ffmpeg) or its image column (PNG).</summary>
public static class EpisodeCameraFrames
{
    public static IReadOnlyList<CameraImage> Read(LeRobotDataset ds, int episodeIndex, string cameraFeature, EpisodeFrames? frames = null)
    {
        var feature = ds.Info.Feature(cameraFeature)
                      ?? throw new ArgumentException($"{ds.Root} has no feature '{cameraFeature}'; cameras: {string.Join(", ", ds.Info.Features.Where(f => f.IsVisual).Select(f => f.Name))}.");
        var episode = ds.Episode(episodeIndex);
        if (feature.IsImage)
        {
            frames ??= new EpisodeFrameReader(ds, [cameraFeature]).Read(episodeIndex);
            var column = (EncodedImageColumn)frames.Column(cameraFeature);
            string where = ds.FullPath(episode.DataFile);
            return column.Encoded.Select((b, i) => b is null
                ? throw new DatasetFormatException(where, $"episode {episodeIndex} frame {i} has no '{cameraFeature}' image.")
                : EncodedImages.Decode(b, where)).ToArray();
        }
        if (!feature.IsVideo || feature.Shape.Count != 3)
            throw new ArgumentException($"'{cameraFeature}' is {feature.DType} {feature.ShapeText}; expected a camera (video or image, [H, W, C]).");
        var video = episode.Videos.GetValueOrDefault(cameraFeature)
                    ?? throw new DatasetFormatException(ds.FullPath(InfoJson.RelativePath), $"episode {episodeIndex} has no video entry for '{cameraFeature}'.");
        var (h, w) = ChannelsLast(feature);
        return VideoFrameDecoder.Decode(ds.FullPath(video.File), video.FromTimestamp, episode.Length, ds.Fps, h, w);
    }

    // LeRobot writes [H, W, C]; some older datasets write [C, H, W].
    private static (int H, int W) ChannelsLast(FeatureInfo f) =>
        f.Shape[0] is 1 or 3 or 4 && f.Shape[2] > 4 ? (f.Shape[1], f.Shape[2]) : (f.Shape[0], f.Shape[1]);
}
