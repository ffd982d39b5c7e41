using System.Text;

namespace Harness.Sim.Native;

/// <summary>
/// A compiled MuJoCo model (mjModel). Immutable after load except for the timestep and the
/// perturbable fields of <c>MjModel.Edit.cs</c> (one model per environment, so edits stay private
/// to the worker that makes them).
/// </summary>
public sealed unsafe partial class MjModel : IDisposable
{
    private readonly MjModelHandle _handle;

    private MjModel(MjModelHandle handle, string source)
    {
        _handle = handle;
        Source = source;
        int Size(int w) => MujocoNative.hm_model_size(Ptr, w);
        Nq = Size(0); Nv = Size(1); Nu = Size(2); Na = Size(3); NBody = Size(4); NJnt = Size(5);
        NGeom = Size(6); NSite = Size(7); NCam = Size(8); NKey = Size(9); NMocap = Size(10);
        NSensorData = Size(11); NLight = Size(12); NMat = Size(13);
    }

    /// <summary>Loads an MJCF file; MuJoCo's own error text is in the exception.</summary>
    public static MjModel LoadXml(string path)
    {
        MujocoLibrary.EnsureLoaded();
        if (!File.Exists(path))
            throw new MujocoException($"MJCF file not found: {path}.");
        var err = new byte[1000];
        IntPtr p;
        fixed (byte* e = err) p = MujocoNative.hm_load_xml(path, e, err.Length);
        if (p == IntPtr.Zero)
        {
            int n = Array.IndexOf(err, (byte)0);
            string msg = Encoding.UTF8.GetString(err, 0, n < 0 ? err.Length : n).Trim();
            throw new MujocoException($"MuJoCo could not load '{path}': {(msg.Length > 0 ? msg : "(no message)")}");
        }
        return new MjModel(MjModelHandle.Wrap(p), path);
    }

    internal IntPtr Ptr => _handle.DangerousGetHandle();

    public string Source { get; }
    public int Nq { get; }
    public int Nv { get; }
    public int Nu { get; }
    public int Na { get; }
    public int NBody { get; }
    public int NJnt { get; }
    public int NGeom { get; }
    public int NSite { get; }
    public int NCam { get; }
    public int NKey { get; }
    public int NMocap { get; }
    public int NSensorData { get; }
    public int NLight { get; }
    public int NMat { get; }

    public double Timestep
    {
        get => MujocoNative.hm_model_timestep(Ptr);
        set => MujocoNative.hm_model_set_timestep(Ptr, value);
    }

    /// <summary>The clipping planes the depth buffer spans (vis.map.znear / zfar, relative to stat.extent).</summary>
    public MjDepthClip DepthClip
    {
        get
        {
            var v = stackalloc double[3];
            MujocoNative.hm_model_depth_clip(Ptr, v);
            return new MjDepthClip(v[0], v[1], v[2]);
        }
    }

    public int Id(MjObject kind, string name) => MujocoNative.hm_name2id(Ptr, (int)kind, name);

    /// <summary>Like <see cref="Id"/> but throws, listing the names that exist.</summary>
    public int RequireId(MjObject kind, string name)
    {
        int id = Id(kind, name);
        if (id < 0)
            throw new MujocoException(
                $"model '{Path.GetFileName(Source)}' has no {kind.ToString().ToLowerInvariant()} named '{name}'; it has: {string.Join(", ", Names(kind))}.");
        return id;
    }

    public string? Name(MjObject kind, int id) => MujocoNative.Utf8(MujocoNative.hm_id2name(Ptr, (int)kind, id));

    public IReadOnlyList<string> Names(MjObject kind)
    {
        int n = kind switch
        {
            MjObject.Body => NBody, MjObject.Joint => NJnt, MjObject.Geom => NGeom, MjObject.Site => NSite,
            MjObject.Camera => NCam, MjObject.Actuator => Nu, MjObject.Key => NKey,
            MjObject.Light => NLight, MjObject.Material => NMat, _ => 0,
        };
        return Enumerable.Range(0, n).Select(i => Name(kind, i)).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToArray();
    }

    private ReadOnlySpan<int> Ints(int which, int length) => new(MujocoNative.hm_model_ptr(Ptr, which), length);
    private ReadOnlySpan<double> Doubles(int which, int length) => new(MujocoNative.hm_model_ptr(Ptr, which), length);

    public int JointQposAdr(int joint) => Ints(0, NJnt)[joint];
    public int JointDofAdr(int joint) => Ints(1, NJnt)[joint];
    public MjJointType JointType(int joint) => (MjJointType)Ints(3, NJnt)[joint];
    public (double Lo, double Hi) JointRange(int joint) { var r = Doubles(2, NJnt * 2); return (r[2 * joint], r[2 * joint + 1]); }
    public (double Lo, double Hi) ActuatorCtrlRange(int act) { var r = Doubles(4, Nu * 2); return (r[2 * act], r[2 * act + 1]); }
    public int ActuatorJoint(int act) => Ints(5, Nu * 2)[2 * act];
    public int GeomBody(int geom) => Ints(6, NGeom)[geom];
    public int BodyParent(int body) => Ints(7, NBody)[body];
    public ReadOnlySpan<double> GeomSize(int geom) => Doubles(8, NGeom * 3).Slice(3 * geom, 3);
    public int SiteBody(int site) => Ints(10, NSite)[site];
    public double BodyMass(int body) => Doubles(12, NBody)[body];
    public double CameraFovY(int cam) => Doubles(13, NCam)[cam];
    /// <summary>The qpos of keyframe <paramref name="key"/> (nq values).</summary>
    public ReadOnlySpan<double> KeyQpos(int key)
    {
        if (key < 0 || key >= NKey) throw new ArgumentOutOfRangeException(nameof(key), $"keyframe {key} of {NKey}.");
        return Doubles(11, NKey * Nq).Slice(key * Nq, Nq);
    }
    /// <summary>An actuator's gain parameters (mjNGAIN values; gainprm[0] is kp for a position servo).</summary>
    public ReadOnlySpan<double> ActuatorGainPrm(int act) { int n = MujocoNative.hm_ngain(); return Doubles(15, Nu * n).Slice(act * n, n); }
    /// <summary>An actuator's bias parameters (mjNBIAS values; a position servo has 0, -kp, -kv).</summary>
    public ReadOnlySpan<double> ActuatorBiasPrm(int act) { int n = MujocoNative.hm_nbias(); return Doubles(16, Nu * n).Slice(act * n, n); }

    public void Dispose() => _handle.Dispose();
}

/// <summary>
/// The depth buffer's clipping planes: near = znear * extent, far = zfar * extent (metres). A
/// depth-buffer value d in [0, 1] (perspective projection) lies at near / (1 - d (1 - near / far))
/// metres along the camera axis.
/// </summary>
public readonly record struct MjDepthClip(double ZNear, double ZFar, double Extent)
{
    public double NearM => ZNear * Extent;
    public double FarM => ZFar * Extent;

    public double Metres(double bufferValue) => NearM / (1 - bufferValue * (1 - NearM / FarM));
}
