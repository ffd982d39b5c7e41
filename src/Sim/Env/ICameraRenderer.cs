using Harness.Core.Robots;
using Harness.Sim.Native;

namespace Harness.Sim.Env;

/// <summary>Renders named cameras of one model into upright RGB images (one GL context each).</summary>
public interface ICameraRenderer : IDisposable
{
    CameraImage Render(MjData data, string camera);
}
