using Harness.Core.Robots;

namespace Harness.Robots.Cameras;

/// <summary>A real robot's answer to a policy's camera request: only configured cameras can be read.</summary>
public static class CameraRequest
{
    /// <param name="robot">how the error names the robot, e.g. "this SO-101".</param>
    /// <param name="example">an example location for the --cameras hint.</param>
    public static void Require(CameraSet? configuredSet, IReadOnlyCollection<string> cameras, string robot, string example)
    {
        var configured = configuredSet?.Names ?? [];
        var missing = cameras.Where(c => !configured.Contains(c)).ToArray();
        if (missing.Length > 0)
            throw new ArgumentException(
                $"the policy reads {string.Join(", ", missing.Select(FeatureNames.Image))}, but " +
                (configured.Count == 0 ? $"{robot} has no cameras configured" : $"{robot}'s cameras are {string.Join(", ", configured)}") +
                $"; add them with --cameras {missing[0]}={example}.");
    }
}
