namespace Harness.Sim.Native;

// The fields perturbations change between episodes (sizes, masses, friction, colours, materials,
// lights, cameras), as writable spans into this model's own memory, plus a full copy to restore
// every field bit for bit and mj_setConst to re-derive what depends on masses. Only the
// environment that owns the model may edit it: renderers and mjData of that environment read the
// same memory, and a shared model would leak one worker's episode into another's.
public sealed unsafe partial class MjModel
{
    /// <summary>A new, independent copy of this model (mj_copyModel).</summary>
    public MjModel Clone()
    {
        IntPtr p = MujocoNative.hm_copy_model(IntPtr.Zero, Ptr);
        if (p == IntPtr.Zero)
            throw new MujocoException("MuJoCo could not copy the model: " + MujocoNative.Utf8(MujocoNative.hm_last_error()));
        return new MjModel(MjModelHandle.Wrap(p), Source);
    }

    /// <summary>
    /// Overwrites every field of this model with <paramref name="source"/>'s (a model compiled from
    /// the same file, e.g. its <see cref="Clone"/>). This model keeps its address, so its mjData and
    /// GL contexts stay valid.
    /// </summary>
    public void CopyFrom(MjModel source)
    {
        if (ReferenceEquals(source, this)) return;
        int a = MujocoNative.hm_model_nbuffer(Ptr), b = MujocoNative.hm_model_nbuffer(source.Ptr);
        if (a != b || source.Nq != Nq || source.Nv != Nv || source.NGeom != NGeom || source.NBody != NBody)
            throw new MujocoException($"cannot copy model '{Path.GetFileName(source.Source)}' into '{Path.GetFileName(Source)}': their sizes differ " +
                                      $"({b} vs {a} bytes); a model can only be restored from a copy of itself.");
        if (MujocoNative.hm_copy_model(Ptr, source.Ptr) == IntPtr.Zero)
            throw new MujocoException("MuJoCo could not copy the model: " + MujocoNative.Utf8(MujocoNative.hm_last_error()));
    }

    /// <summary>
    /// Re-derives the constant fields that depend on masses and inertias (subtree masses, inverse
    /// weights at qpos0 that set contact softness, statistics) with mj_setConst. It overwrites
    /// <paramref name="scratch"/>'s state: reset it afterwards.
    /// </summary>
    public void SetConst(MjData scratch)
    {
        if (!ReferenceEquals(scratch.Model, this))
            throw new ArgumentException("mj_setConst needs an mjData of this model.", nameof(scratch));
        if (MujocoNative.hm_set_const(Ptr, scratch.Ptr) != 0)
            throw new MujocoException("mj_setConst failed: " + MujocoNative.Utf8(MujocoNative.hm_last_error()));
    }

    private Span<T> Field<T>(int which, int count, int width, int index, string what) where T : unmanaged
    {
        if ((uint)index >= (uint)count)
            throw new ArgumentOutOfRangeException(nameof(index), $"{what} {index} does not exist; the model has {count}.");
        return new Span<T>(MujocoNative.hm_model_ptr(Ptr, which), count * width).Slice(index * width, width);
    }

    /// <summary>geom_size (3 values; meaning depends on the geom type).</summary>
    public Span<double> EditGeomSize(int geom) => Field<double>(8, NGeom, 3, geom, "geom");
    /// <summary>geom_pos: the geom's offset in its body's frame.</summary>
    public Span<double> EditGeomPos(int geom) => Field<double>(19, NGeom, 3, geom, "geom");
    /// <summary>geom_rbound: the bounding-sphere radius the broad phase tests; keep it in step with the size.</summary>
    public ref double EditGeomRBound(int geom) => ref Field<double>(21, NGeom, 1, geom, "geom")[0];
    /// <summary>geom_friction: sliding, torsional, rolling.</summary>
    public Span<double> EditGeomFriction(int geom) => Field<double>(17, NGeom, 3, geom, "geom");
    /// <summary>geom_rgba: used instead of the material's colour when not MuJoCo's default (0.5, 0.5, 0.5, 1).</summary>
    public Span<float> EditGeomRgba(int geom) => Field<float>(9, NGeom, 4, geom, "geom");
    /// <summary>geom_matid: the material (and so the texture) the geom is drawn with; -1 for none.</summary>
    public ref int EditGeomMaterial(int geom) => ref Field<int>(22, NGeom, 1, geom, "geom")[0];
    /// <summary>geom_type (mjtGeom: 2 sphere, 3 capsule, 4 ellipsoid, 5 cylinder, 6 box, 7 mesh).</summary>
    public int GeomType(int geom) => Field<int>(14, NGeom, 1, geom, "geom")[0];
    /// <summary>mat_rgba: a material's colour (used where the geom's own rgba is MuJoCo's default).</summary>
    public ReadOnlySpan<float> MaterialRgba(int material) => Field<float>(32, NMat, 4, material, "material");

    public int JointBody(int joint) => Field<int>(33, NJnt, 1, joint, "joint")[0];

    public ref double EditBodyMass(int body) => ref Field<double>(12, NBody, 1, body, "body")[0];
    /// <summary>body_inertia: diagonal inertia in the body's inertial frame.</summary>
    public Span<double> EditBodyInertia(int body) => Field<double>(20, NBody, 3, body, "body");
    /// <summary>body_ipos: the centre of mass in the body frame.</summary>
    public Span<double> EditBodyIPos(int body) => Field<double>(28, NBody, 3, body, "body");
    /// <summary>body_subtreemass (derived: <see cref="SetConst"/> recomputes it).</summary>
    public double BodySubtreeMass(int body) => Field<double>(31, NBody, 1, body, "body")[0];

    public Span<double> EditLightPos(int light) => Field<double>(23, NLight, 3, light, "light");
    public Span<double> EditLightDir(int light) => Field<double>(24, NLight, 3, light, "light");
    public Span<float> EditLightDiffuse(int light) => Field<float>(25, NLight, 3, light, "light");
    /// <summary>light_mode (mjtCamLight): 0 = fixed in its body's frame.</summary>
    public int LightMode(int light) => Field<int>(30, NLight, 1, light, "light")[0];

    /// <summary>cam_pos: the camera's position in its body's frame.</summary>
    public Span<double> EditCameraPos(int camera) => Field<double>(26, NCam, 3, camera, "camera");
    /// <summary>cam_quat (w, x, y, z): the camera's orientation in its body's frame.</summary>
    public Span<double> EditCameraQuat(int camera) => Field<double>(27, NCam, 4, camera, "camera");
    public ref double EditCameraFovY(int camera) => ref Field<double>(13, NCam, 1, camera, "camera")[0];
    /// <summary>cam_mode (mjtCamLight): 0 = fixed in its body's frame.</summary>
    public int CameraMode(int camera) => Field<int>(29, NCam, 1, camera, "camera")[0];
}
