using Harness.Core.Robots;

namespace Harness.Datasets.Recording;

/// <summary>One finished episode as an observer saw it: per frame the state before the step, the
/// action applied (float32) and the camera images of that observation.</summary>
public sealed record RecordedFrames(
    int Episode,
    bool Success,
    string Task,
    IReadOnlyList<float[]> States,
    IReadOnlyList<float[]> Actions,
    IReadOnlyList<IReadOnlyDictionary<string, CameraImage>> Images);
