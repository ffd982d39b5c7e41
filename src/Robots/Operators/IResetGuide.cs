using Harness.Core.Robots;

namespace Harness.Robots.Operators;

/// <summary>
/// Tells the person resetting the scene where an episode's objects go (the layout the simulator
/// gives the same episode seed, so real episodes pair with simulated ones), in words and drawn
/// over live camera images.
/// </summary>
public interface IResetGuide
{
    /// <param name="live">The newest image of each configured camera, by camera name (empty without cameras).</param>
    ResetGuidance Describe(int seed, IReadOnlyDictionary<string, CameraImage> live);
}

/// <param name="Text">Where each object goes, with coordinates.</param>
/// <param name="Overlays">Live images with the targets drawn, by camera name.</param>
public sealed record ResetGuidance(string Text, IReadOnlyDictionary<string, CameraImage> Overlays);
