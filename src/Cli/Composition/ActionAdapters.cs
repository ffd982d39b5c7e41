using Harness.Core.Actions;
using Harness.Core.Policies;
using Harness.Core.Robots;
using Harness.Sim.Env;
using Harness.Sim.Kinematics;

namespace Harness.Cli.Composition;

/// <summary>
/// Puts the action adapter between a policy and a simulated robot when the policy's action space
/// or units differ from the robot's: the policy's own declaration (policy.json, the end-effector
/// expert), overridden by <c>--action-space</c> and <c>--unit</c>. IK runs on the scene's own model.
/// </summary>
public static class ActionAdapters
{
    public static IPolicy Adapt(IPolicy policy, MujocoEnv env, PolicyOptions? options)
    {
        var declared = PolicyChain.Find<IPolicyConventions>(policy);
        var representation = options?.ActionSpace is { } a ? ActionSpaces.Parse(a) : declared?.ActionSpace ?? ActionRepresentation.AbsoluteJoints;
        var units = new Dictionary<string, UnitDeclaration>(declared?.Units ?? new Dictionary<string, UnitDeclaration>());
        foreach (var (k, u) in options?.Units ?? new Dictionary<string, UnitDeclaration>()) units[k] = u;
        try { return ActionAdapter.Wrap(policy, env.Spec, representation, units, () => new MujocoArmKinematics(env.Scene)); }
        catch
        {
            policy.Dispose();
            throw;
        }
    }

    /// <summary>Reads repeated <c>--unit KEY=UNIT[,open=V][,scale=S]</c> options.</summary>
    public static IReadOnlyDictionary<string, UnitDeclaration> ParseUnits(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, UnitDeclaration>(StringComparer.Ordinal);
        foreach (var p in pairs)
        {
            int eq = p.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--unit expects ELEMENT=UNIT[,open=V][,scale=S], e.g. gripper.pos=0-1; got '{p}'.");
            result[p[..eq].Trim()] = UnitDeclaration.Parse(p[(eq + 1)..]);
        }
        return result;
    }
}
