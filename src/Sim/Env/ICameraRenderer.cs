using Harness.Core.Robots;
using Harness.Sim.Native;

namespace Harness.Sim.Env;

/// <summary>Renders named cameras of one model into upright RGB or metric depth images (one GL context each).</summary>
public interface ICameraRenderer : IDisposable
{
    CameraImage Render(MjData data, string camera);

    /// <summary>Metric depth along the camera axis, float32 HxWx1 in metres.</summary>
    CameraImage RenderDepth(MjData data, string camera);
}
