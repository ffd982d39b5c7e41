using Harness.Core.Robots;
using Harness.Core.Whiskers;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Rendering;

namespace Harness.Sim.Whiskers;

/// <summary>
/// Renders a recorded whisker episode at any step: restores the exact physical state recorded
/// after that many steps into its own mjData and draws the whiskers as they stood then. Used for
/// the video, the stills and the interactive viewer alike.
/// </summary>
public sealed class WhiskerFrames : IDisposable
{
    private readonly MjData _data;
    private int _restored = -1;

    public WhiskerFrames(MjModel model, WhiskerTrace trace, IReadOnlyList<EnvSnapshot> snapshots, WhiskerStyle? style = null)
    {
        if (snapshots.Count != trace.ToolPath.Count)
            throw new ArgumentException(
                $"the trace has {trace.ToolPath.Count} states but {snapshots.Count} snapshots were recorded; record them with WhiskerOptions(RecordSnapshots: true).");
        Style = style ?? WhiskerStyle.Default;
        Style.Validate();
        Trace = trace;
        Snapshots = snapshots;
        _data = new MjData(model);
    }

    public WhiskerTrace Trace { get; }
    public IReadOnlyList<EnvSnapshot> Snapshots { get; }
    public WhiskerStyle Style { get; }
    /// <summary>States 0..Steps (state k = after k control steps).</summary>
    public int Count => Snapshots.Count;

    /// <summary>The physical state after <paramref name="step"/> steps (restored on demand).</summary>
    public MjData StateAt(int step)
    {
        if (step < 0 || step >= Count)
            throw new ArgumentOutOfRangeException(nameof(step), step, $"the episode has states 0..{Count - 1}.");
        if (step != _restored)
        {
            PhysicsState.Restore(_data, Snapshots[step]);
            _restored = step;
        }
        return _data;
    }

    public SceneOverlay OverlayAt(int step, bool whiskers = true) =>
        whiskers ? WhiskerOverlay.Build(Trace, step, Style) : SceneOverlay.Empty;

    public CameraImage Render(CameraRenderer renderer, int step, string camera, bool whiskers = true) =>
        renderer.Render(StateAt(step), camera, OverlayAt(step, whiskers));

    public CameraImage Render(CameraRenderer renderer, int step, FreeCamera camera, bool whiskers = true) =>
        renderer.Render(StateAt(step), camera, OverlayAt(step, whiskers));

    public void Dispose() => _data.Dispose();
}
