namespace Harness.Robots.Virtual.UR;

/// <summary>
/// The controller's own trajectories, sampled once per cycle: movej as a synchronised trapezoidal
/// profile (all joints start and stop together, the one with the longest way at the given speed and
/// acceleration), stopj as a synchronised linear deceleration to rest.
/// </summary>
public static class JointMotion
{
    /// <summary>Setpoints of movej from <paramref name="from"/> to <paramref name="to"/>; <paramref name="timeScale"/> is the speed slider.</summary>
    public static IEnumerable<double[]> MoveJ(double[] from, double[] to, double speed, double acceleration, double dt, Func<double> timeScale)
    {
        double distance = 0;
        for (int j = 0; j < 6; j++) distance = Math.Max(distance, Math.Abs(to[j] - from[j]));
        if (distance == 0) yield break;
        double ta, total, vPeak;
        if (distance < speed * speed / acceleration)
        {
            ta = Math.Sqrt(distance / acceleration);
            total = 2 * ta;
            vPeak = acceleration * ta;
        }
        else
        {
            ta = speed / acceleration;
            total = distance / speed + ta;
            vPeak = speed;
        }
        double t = 0;
        while (t < total)
        {
            t = Math.Min(total, t + dt * timeScale());
            double s = Progress(t, ta, total, vPeak, acceleration, distance) / distance;
            var q = new double[6];
            for (int j = 0; j < 6; j++) q[j] = from[j] + (to[j] - from[j]) * s;
            yield return q;
        }
    }

    private static double Progress(double t, double ta, double total, double vPeak, double a, double distance)
    {
        if (t <= ta) return 0.5 * a * t * t;
        if (t <= total - ta) return 0.5 * a * ta * ta + vPeak * (t - ta);
        double td = total - t;
        return distance - 0.5 * a * td * td;
    }

    /// <summary>Setpoints of stopj: every joint slows linearly so that all reach rest together at deceleration <paramref name="deceleration"/>.</summary>
    public static IEnumerable<double[]> StopJ(double[] q, double[] qd, double deceleration, double dt)
    {
        double vmax = qd.Max(Math.Abs);
        if (vmax == 0) yield break;
        double total = vmax / deceleration;
        var pos = q.ToArray();
        for (double t = 0; t < total;)
        {
            double t1 = Math.Min(total, t + dt);
            // Integral of v(1 - t/T) from t to t1.
            double f = (t1 - t) - (t1 * t1 - t * t) / (2 * total);
            for (int j = 0; j < 6; j++) pos[j] += qd[j] * f;
            t = t1;
            yield return pos.ToArray();
        }
    }
}
