using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Policies.Onnx;

namespace Harness.Policies.Remote.Server;

/// <summary>
/// The metadata frame a Harness server sends first: the features its policy reads, the policy spec,
/// and for an ONNX package acting in absolute joints the package's own first-action tolerance per
/// joint, so a client's pre-flight judges the served policy as the local one would.
/// </summary>
public static class ServedMetadata
{
    public const string PolicyKey = "harness/policy";

    public static Dictionary<string, object?> For(IPolicy policy, string spec, RobotSpec robot)
    {
        var metadata = new Dictionary<string, object?>
        {
            [OpenPiPolicy.MetadataInputsKey] = policy.Inputs.Features.ToArray(),
            [PolicyKey] = spec,
        };
        if (policy is OnnxPolicy onnx && robot.ActionRepresentation.Kind == ActionKind.AbsoluteJoints)
            metadata[OpenPiPolicy.MetadataFirstActionToleranceKey] = onnx.FirstActionTolerances(robot).Select(t => (object?)t).ToList();
        return metadata;
    }
}
