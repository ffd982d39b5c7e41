namespace Harness.Robots.Virtual.UR;

/// <summary>
/// A kinematic arm for tests: each servoj call starts a straight joint-space segment from where the
/// arm is to the target, timed to arrive after the call's time t (what servoj promises), never faster
/// than the joint speed limits (UR5e: 180 deg/s on every joint). Lookahead and gain shape a real
/// arm's tracking; this plant follows the segment exactly and ignores them.
/// </summary>
public sealed class KinematicUrPlant : IUrArmPlant
{
    public static readonly double[] Ur5eSpeedLimits = Enumerable.Repeat(Math.PI, 6).ToArray();

    private readonly double[] _speedLimits;
    private readonly double[] _q;
    private readonly double[] _qd = new double[6];
    private ServoTarget? _segmentOf;
    private double[] _from = new double[6];
    private double _elapsed;

    public KinematicUrPlant(IReadOnlyList<double> initialQ, IReadOnlyList<double>? speedLimits = null)
    {
        if (initialQ.Count != 6) throw new ArgumentException("a UR arm has 6 joints.");
        _q = initialQ.ToArray();
        _speedLimits = (speedLimits ?? Ur5eSpeedLimits).ToArray();
    }

    public UrPlantState State => new(_q.ToArray(), _qd.ToArray());

    public UrPlantState Step(ServoTarget? target, double dt)
    {
        if (target is null)
        {
            Array.Clear(_qd);
            _segmentOf = null;
            return State;
        }
        if (!ReferenceEquals(target, _segmentOf))
        {
            _segmentOf = target;
            _from = _q.ToArray();
            _elapsed = 0;
        }
        _elapsed += dt;
        double s = Math.Min(1, _elapsed / Math.Max(target.Time, dt));
        for (int j = 0; j < 6; j++)
        {
            double want = _from[j] + (target.Q[j] - _from[j]) * s;
            double step = Math.Clamp(want - _q[j], -_speedLimits[j] * dt, _speedLimits[j] * dt);
            _q[j] += step;
            _qd[j] = step / dt;
        }
        return State;
    }
}
