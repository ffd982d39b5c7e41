using Harness.Sim.Native;

namespace Harness.Sim.Rendering;

/// <summary>Packs a <see cref="SceneOverlay"/> into the flat arrays the shim reads (<see cref="OverlayPacking"/>).</summary>
internal static class OverlayPacker
{
    public static (double[] Segments, double[] Spheres) Pack(SceneOverlay overlay)
    {
        if (overlay.Count == 0) return ([], []);
        var seg = new double[overlay.Segments.Count * OverlayPacking.SegmentStride];
        for (int i = 0; i < overlay.Segments.Count; i++)
        {
            var s = overlay.Segments[i];
            var c = s.Colour;
            ReadOnlySpan<double> v = [s.X0, s.Y0, s.Z0, s.X1, s.Y1, s.Z1, s.Radius, c.R, c.G, c.B, c.A];
            v.CopyTo(seg.AsSpan(i * OverlayPacking.SegmentStride));
        }
        var sph = new double[overlay.Spheres.Count * OverlayPacking.SphereStride];
        for (int i = 0; i < overlay.Spheres.Count; i++)
        {
            var s = overlay.Spheres[i];
            var c = s.Colour;
            ReadOnlySpan<double> v = [s.X, s.Y, s.Z, s.Radius, c.R, c.G, c.B, c.A];
            v.CopyTo(sph.AsSpan(i * OverlayPacking.SphereStride));
        }
        return (seg, sph);
    }
}
