namespace Harness.Sim.Native;

/// <summary>
/// Simulation state and derived quantities (mjData) for one <see cref="MjModel"/>. Not thread
/// safe: one per worker. Spans point into native memory owned by this object and are valid until
/// it is disposed.
/// </summary>
public sealed unsafe class MjData : IDisposable
{
    private readonly MjDataHandle _handle;

    public MjData(MjModel model)
    {
        Model = model;
        IntPtr p = MujocoNative.hm_make_data(model.Ptr);
        if (p == IntPtr.Zero)
            throw new MujocoException("MuJoCo could not allocate mjData: " + MujocoNative.Utf8(MujocoNative.hm_last_error()));
        _handle = MjDataHandle.Wrap(p);
    }

    public MjModel Model { get; }
    internal IntPtr Ptr => _handle.DangerousGetHandle();

    private Span<double> D(int which, int length) => new(MujocoNative.hm_data_ptr(Ptr, which), length);

    public Span<double> Qpos => D(0, Model.Nq);
    public Span<double> Qvel => D(1, Model.Nv);
    public Span<double> Act => D(2, Model.Na);
    public Span<double> Ctrl => D(3, Model.Nu);
    public Span<double> QaccWarmstart => D(4, Model.Nv);
    public Span<double> Qacc => D(19, Model.Nv);
    public ReadOnlySpan<double> BodyPos(int body) => D(5, Model.NBody * 3).Slice(3 * body, 3);
    public ReadOnlySpan<double> BodyQuat(int body) => D(6, Model.NBody * 4).Slice(4 * body, 4);
    public ReadOnlySpan<double> BodyMat(int body) => D(7, Model.NBody * 9).Slice(9 * body, 9);
    public ReadOnlySpan<double> SitePos(int site) => D(8, Model.NSite * 3).Slice(3 * site, 3);
    public ReadOnlySpan<double> SiteMat(int site) => D(9, Model.NSite * 9).Slice(9 * site, 9);
    public ReadOnlySpan<double> GeomPos(int geom) => D(10, Model.NGeom * 3).Slice(3 * geom, 3);
    /// <summary>A geom's orientation in the world frame (3x3, row-major).</summary>
    public ReadOnlySpan<double> GeomMat(int geom) => D(11, Model.NGeom * 9).Slice(9 * geom, 9);
    /// <summary>A camera's position in the world frame.</summary>
    public ReadOnlySpan<double> CameraPos(int camera) => D(12, Model.NCam * 3).Slice(3 * camera, 3);
    public ReadOnlySpan<double> ActuatorForce => D(15, Model.Nu);
    /// <summary>Cartesian force and torque applied to each body (world frame), 6 per body; kept across steps, zeroed by Reset.</summary>
    public Span<double> XfrcApplied => D(17, Model.NBody * 6);

    public double Time
    {
        get => MujocoNative.hm_data_time(Ptr);
        set => MujocoNative.hm_data_set_time(Ptr, value);
    }

    /// <summary>Advances the physics by <paramref name="substeps"/> mj_step calls.</summary>
    public void Step(int substeps = 1) => Check(MujocoNative.hm_step(Model.Ptr, Ptr, substeps), "mj_step");
    public void Forward() => Check(MujocoNative.hm_forward(Model.Ptr, Ptr), "mj_forward");
    /// <summary>Positions and Jacobian prerequisites only (mj_kinematics + mj_comPos).</summary>
    public void Kinematics() => Check(MujocoNative.hm_kinematics(Model.Ptr, Ptr), "mj_kinematics");
    public void Reset() => Check(MujocoNative.hm_reset(Model.Ptr, Ptr), "mj_resetData");

    /// <summary>Copies the complete state of <paramref name="source"/> into this data (mj_copyData).</summary>
    public void CopyFrom(MjData source)
    {
        if (!ReferenceEquals(source.Model, Model) && (source.Model.Nq != Model.Nq || source.Model.Nv != Model.Nv))
            throw new MujocoException("mj_copyData needs two mjData of the same model.");
        Check(MujocoNative.hm_copy_data(Model.Ptr, Ptr, source.Ptr), "mj_copyData");
    }

    /// <summary>Translational Jacobian (3 x nv, row-major) of a site.</summary>
    public double[] SiteJacobian(int site, double[]? rotational = null)
    {
        var jacp = new double[3 * Model.Nv];
        fixed (double* p = jacp)
        fixed (double* r = rotational)
            Check(MujocoNative.hm_jac_site(Model.Ptr, Ptr, p, r, site), "mj_jacSite");
        return jacp;
    }

    /// <summary>True when MuJoCo has flagged a numerical blow-up (bad qacc) since the last reset.</summary>
    public bool Diverged => MujocoNative.hm_data_warning(Ptr, MujocoNative.hm_warn_badqacc()) > 0;

    public int ContactCount => MujocoNative.hm_data_ncon(Ptr);

    public MjContact Contact(int i)
    {
        int g1, g2; double dist; var pos = stackalloc double[3];
        if (MujocoNative.hm_contact(Ptr, i, &g1, &g2, &dist, pos) == 0)
            throw new ArgumentOutOfRangeException(nameof(i), $"contact {i} of {ContactCount}.");
        return new MjContact(g1, g2, dist, pos[0], pos[1], pos[2]);
    }

    /// <summary>The normal force (N) contact <paramref name="i"/> transmits (mj_contactForce, first component).</summary>
    public double ContactNormalForce(int i)
    {
        var f = stackalloc double[6];
        if (MujocoNative.hm_contact_force(Model.Ptr, Ptr, i, f) == 0)
            throw new ArgumentOutOfRangeException(nameof(i), $"contact {i} of {ContactCount}.");
        return f[0];
    }

    private static void Check(int rc, string what)
    {
        if (rc != 0)
            throw new MujocoException($"{what} failed: {MujocoNative.Utf8(MujocoNative.hm_last_error())}");
    }

    public void Dispose() => _handle.Dispose();
}

/// <summary>One active contact between two geoms.</summary>
public readonly record struct MjContact(int Geom1, int Geom2, double Dist, double X, double Y, double Z);
