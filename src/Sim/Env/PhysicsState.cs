using Harness.Core.Robots;
using Harness.Sim.Native;

namespace Harness.Sim.Env;

/// <summary>
/// Packs the complete simulator state (qpos, qvel, act, ctrl, warm start) into an
/// <see cref="EnvSnapshot"/> and back, so a restored state continues bit-for-bit identically.
/// </summary>
public static class PhysicsState
{
    public static EnvSnapshot Capture(MjData d)
    {
        var m = d.Model;
        var values = new double[m.Nq + 2 * m.Nv + m.Na + m.Nu];
        int o = 0;
        d.Qpos.CopyTo(values.AsSpan(o)); o += m.Nq;
        d.Qvel.CopyTo(values.AsSpan(o)); o += m.Nv;
        d.Act.CopyTo(values.AsSpan(o)); o += m.Na;
        d.Ctrl.CopyTo(values.AsSpan(o)); o += m.Nu;
        d.QaccWarmstart.CopyTo(values.AsSpan(o));
        return new EnvSnapshot(d.Time, values);
    }

    /// <summary>Restores a snapshot and recomputes derived quantities (positions, contacts).</summary>
    public static void Restore(MjData d, EnvSnapshot s)
    {
        var m = d.Model;
        int expected = m.Nq + 2 * m.Nv + m.Na + m.Nu;
        if (s.Values.Length != expected)
            throw new ArgumentException($"snapshot has {s.Values.Length} values; this model needs {expected} (nq {m.Nq}, nv {m.Nv}, na {m.Na}, nu {m.Nu}). It belongs to another scene.");
        int o = 0;
        s.Values.AsSpan(o, m.Nq).CopyTo(d.Qpos); o += m.Nq;
        s.Values.AsSpan(o, m.Nv).CopyTo(d.Qvel); o += m.Nv;
        s.Values.AsSpan(o, m.Na).CopyTo(d.Act); o += m.Na;
        s.Values.AsSpan(o, m.Nu).CopyTo(d.Ctrl); o += m.Nu;
        s.Values.AsSpan(o, m.Nv).CopyTo(d.QaccWarmstart);
        d.Time = s.Time;
        d.Forward();
        // mj_forward overwrites the solver warm start and renormalises the quaternions in qpos in
        // place (not idempotent in the last bit: a moving free body would drift from the live run);
        // put both back so the next mj_step starts from exactly the state that was captured.
        s.Values.AsSpan(0, m.Nq).CopyTo(d.Qpos);
        s.Values.AsSpan(m.Nq + m.Nv + m.Na + m.Nu, m.Nv).CopyTo(d.QaccWarmstart);
    }
}
