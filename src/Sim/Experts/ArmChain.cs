using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Sim.Experts;

/// <summary>
/// Which state/action elements move a tool site: the joints whose Jacobian column at that site is
/// non-zero (mj_jacSite fills columns of the site body's ancestors only). This finds each arm of a
/// multi-arm robot from the model alone, without naming conventions.
/// </summary>
public static class ArmChain
{
    /// <summary>Indices (into <paramref name="elements"/>) of the non-gripper elements that move <paramref name="site"/>, in element order.</summary>
    public static int[] Elements(MjModel model, string site, IReadOnlyList<JointElement> elements)
    {
        int s = model.RequireId(MjObject.Site, site);
        using var data = new MjData(model);
        data.Kinematics();
        var rot = new double[3 * model.Nv];
        var pos = data.SiteJacobian(s, rot);
        var result = new List<int>();
        for (int i = 0; i < elements.Count; i++)
        {
            if (elements[i].Spec.IsGripper) continue;
            int dof = model.JointDofAdr(model.RequireId(MjObject.Joint, elements[i].Joint));
            bool moves = false;
            for (int r = 0; r < 3; r++) moves |= pos[r * model.Nv + dof] != 0 || rot[r * model.Nv + dof] != 0;
            if (moves) result.Add(i);
        }
        if (result.Count == 0)
            throw new ArgumentException($"no joint element of the robot moves the tool site '{site}'; check robot.joints and the gripper's tool_site.");
        return result.ToArray();
    }
}
