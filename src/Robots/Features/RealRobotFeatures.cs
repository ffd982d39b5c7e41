using Harness.Core.Policies;
using Harness.Core.Robots;

namespace Harness.Robots.Features;

/// <summary>
/// What a real robot can give a policy: its state, and the images of the cameras configured on
/// it. Checked before the robot is even connected, so a policy that needs anything else (above all
/// the simulator's privileged <c>observation.environment_state</c>) is refused before anything moves.
/// </summary>
public static class RealRobotFeatures
{
    public static void Require(IPolicy policy, RobotSpec real)
    {
        var inputs = policy.Inputs.Features;
        if (inputs.Contains(FeatureNames.EnvironmentState))
            throw new PrivilegedFeatureException(
                $"policy {policy.Name} reads {FeatureNames.EnvironmentState}: privileged simulator state (object and goal poses taken from the simulator), " +
                "which a real robot cannot provide. Refused before connecting to the arm; nothing moved. " +
                $"Evaluate it in simulation (`harness eval --policy {policy.Name}`), or train a policy on what the robot measures: " +
                $"{string.Join(", ", real.Features.Where(f => f.Name != FeatureNames.Action).Select(f => f.Name))}.");
        var cameras = real.Cameras.Select(c => c.FeatureName).ToHashSet();
        var missingImages = inputs.Where(f => FeatureNames.IsImage(f) && !cameras.Contains(f)).ToArray();
        if (missingImages.Length > 0)
            throw new ArgumentException(
                $"policy {policy.Name} reads {string.Join(", ", missingImages)}, but the robot's cameras are {(cameras.Count == 0 ? "none" : string.Join(", ", cameras))}; " +
                $"configure them with --cameras {FeatureNames.CameraOf(missingImages[0])}=/dev/v4l/by-id/... (or an MJPEG/RTSP URL), or map names with --map.");
        var other = inputs.Where(f => !FeatureNames.IsImage(f) && real.Feature(f) is null).ToArray();
        if (other.Length > 0)
            throw new ArgumentException(
                $"policy {policy.Name} reads {string.Join(", ", other)}, which this robot does not provide (it provides {string.Join(", ", real.Features.Select(f => f.Name))}).");
    }
}

/// <summary>The policy needs simulator-only (privileged) features; the message says why a real robot cannot run it.</summary>
public sealed class PrivilegedFeatureException(string message) : Exception(message);
