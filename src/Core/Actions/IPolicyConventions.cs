using Harness.Core.Robots;

namespace Harness.Core.Actions;

/// <summary>
/// Implemented by policies that declare how their numbers are to be read when that is not the
/// robot's absolute joints in the robot's units (policy.json <c>action_space</c> and <c>units</c>, an
/// end-effector expert). The command line's <c>--action-space</c> and <c>--unit</c> override it.
/// </summary>
public interface IPolicyConventions
{
    /// <summary>The policy's action representation; null: the robot's absolute joints.</summary>
    ActionRepresentation? ActionSpace { get; }

    /// <summary>Per state/action element, the unit the policy uses where it differs from the robot's.</summary>
    IReadOnlyDictionary<string, UnitDeclaration> Units { get; }
}
