using Harness.Core.IO;
using Harness.Core.Robots;
using Harness.Media.Images;
using Harness.Robots.Cameras;

namespace Harness.Robots.Operators;

/// <summary>
/// Shows the person resetting the scene where episode <c>seed</c>'s objects go: the guide's words in
/// the log, and each camera's live image with the targets drawn written as a PNG (temp + rename).
/// </summary>
public static class ResetGuideOutput
{
    public static void Show(IResetGuide? guide, CameraSet? cameras, int seed, TextWriter log, string? imageDirectory)
    {
        if (guide is null) return;
        var live = cameras is { } cams
            ? cams.Capture(cams.Names).ToDictionary(kv => FeatureNames.CameraOf(kv.Key), kv => kv.Value)
            : new Dictionary<string, CameraImage>();
        var guidance = guide.Describe(seed, live);
        log.WriteLine($"episode seed {seed}: {guidance.Text}");
        if (imageDirectory is null) return;
        Directory.CreateDirectory(imageDirectory);
        foreach (var (camera, image) in guidance.Overlays)
        {
            string path = Path.Combine(imageDirectory, $"reset_seed_{seed}_{camera}.png");
            AtomicFile.Replace(path, temp => PngEncoder.Write(temp, image));
            log.WriteLine($"  where it goes, drawn over the live {camera} image: {path}");
        }
    }
}
