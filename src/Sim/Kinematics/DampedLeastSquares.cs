namespace Harness.Sim.Kinematics;

/// <summary>
/// The small dense linear algebra of damped least-squares IK: for a Jacobian J (m x n, row-major,
/// m &lt;= 6) the step J^T (J J^T + lambda^2 I)^-1 e, and the null-space projector of a damped pseudo-inverse.
/// </summary>
public static class DampedLeastSquares
{
    /// <summary>dq = J^T (J J^T + lambda^2 I)^-1 e.</summary>
    public static double[] Step(ReadOnlySpan<double> j, ReadOnlySpan<double> e, int m, int n, double lambda)
    {
        var y = SolveGram(j, e.ToArray(), m, n, lambda);
        var dq = new double[n];
        for (int k = 0; k < n; k++)
        {
            double s = 0;
            for (int r = 0; r < m; r++) s += j[r * n + k] * y[r];
            dq[k] = s;
        }
        return dq;
    }

    /// <summary>N = I - J^T (J J^T + lambda^2 I)^-1 J (n x n): moves that leave J's task (nearly) unchanged.</summary>
    public static double[] NullSpace(ReadOnlySpan<double> j, int m, int n, double lambda)
    {
        var p = new double[n * n];
        var col = new double[m];
        for (int c = 0; c < n; c++)
        {
            for (int r = 0; r < m; r++) col[r] = j[r * n + c];
            var step = Step(j, col, m, n, lambda);
            for (int r = 0; r < n; r++) p[r * n + c] = (r == c ? 1 : 0) - step[r];
        }
        return p;
    }

    private static double[] SolveGram(ReadOnlySpan<double> j, double[] b, int m, int n, double lambda)
    {
        var a = new double[m * m];
        for (int r = 0; r < m; r++)
            for (int c = 0; c < m; c++)
            {
                double s = 0;
                for (int k = 0; k < n; k++) s += j[r * n + k] * j[c * n + k];
                a[r * m + c] = s + (r == c ? lambda * lambda : 0);
            }
        return Solve(a, b, m);
    }

    /// <summary>Solves A x = b (A n x n, row-major; both overwritten) by Gaussian elimination with partial pivoting.</summary>
    public static double[] Solve(double[] a, double[] b, int n)
    {
        for (int col = 0; col < n; col++)
        {
            int piv = col;
            for (int r = col + 1; r < n; r++) if (Math.Abs(a[r * n + col]) > Math.Abs(a[piv * n + col])) piv = r;
            if (piv != col)
            {
                for (int c = 0; c < n; c++) (a[col * n + c], a[piv * n + c]) = (a[piv * n + c], a[col * n + c]);
                (b[col], b[piv]) = (b[piv], b[col]);
            }
            double d = a[col * n + col];
            for (int r = col + 1; r < n; r++)
            {
                double f = a[r * n + col] / d;
                if (f == 0) continue;
                for (int c = col; c < n; c++) a[r * n + c] -= f * a[col * n + c];
                b[r] -= f * b[col];
            }
        }
        var x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double s = b[r];
            for (int c = r + 1; c < n; c++) s -= a[r * n + c] * x[c];
            x[r] = s / a[r * n + r];
        }
        return x;
    }
}
