namespace Harness.Sim.Native;

/// <summary>
/// A camera's world pose as MuJoCo computed it (cam_xpos, cam_xmat; the matrix's columns are the
/// camera's x right, y up and z backward axes) and its vertical field of view.
/// </summary>
public sealed record MjCameraPose(double[] Position, double[] Rotation, double FovYDegrees)
{
    public static unsafe MjCameraPose Of(MjData data, int camera)
    {
        var m = data.Model;
        if (camera < 0 || camera >= m.NCam)
            throw new ArgumentOutOfRangeException(nameof(camera), $"camera {camera} of {m.NCam}.");
        var pos = new ReadOnlySpan<double>(MujocoNative.hm_data_ptr(data.Ptr, 12), m.NCam * 3).Slice(3 * camera, 3).ToArray();
        var mat = new ReadOnlySpan<double>(MujocoNative.hm_data_ptr(data.Ptr, 13), m.NCam * 9).Slice(9 * camera, 9).ToArray();
        return new MjCameraPose(pos, mat, m.CameraFovY(camera));
    }

    /// <summary>
    /// Pixel (column, row) of a world point in an upright image of the given size, or null when
    /// the point is behind the camera. Matches MuJoCo's pinhole camera (fovy spans the height).
    /// </summary>
    public (double Col, double Row)? Project(double x, double y, double z, int height, int width)
    {
        double dx = x - Position[0], dy = y - Position[1], dz = z - Position[2];
        var r = Rotation;
        double cx = r[0] * dx + r[3] * dy + r[6] * dz;
        double cy = r[1] * dx + r[4] * dy + r[7] * dz;
        double cz = r[2] * dx + r[5] * dy + r[8] * dz;
        if (cz >= 0) return null;
        double f = height / 2.0 / Math.Tan(FovYDegrees * Math.PI / 360);
        return (width / 2.0 + f * cx / -cz, height / 2.0 - f * cy / -cz);
    }
}
