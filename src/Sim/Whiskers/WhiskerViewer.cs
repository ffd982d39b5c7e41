using System.Diagnostics;
using Harness.Core.Robots;
using Harness.Sim.Rendering;

namespace Harness.Sim.Whiskers;

/// <summary>
/// The interactive whisker viewer: plays a recorded episode in a window at the control rate and
/// re-renders the exact recorded state of any step. SPACE pauses/resumes; LEFT/RIGHT step back
/// and forth (and pause), PAGE UP/PAGE DOWN by 10 steps; HOME/END jump to the first/last state; W toggles the whiskers; C
/// cycles the free camera and the scene's cameras; mouse drags orbit/pan and the wheel zooms
/// (switching to the free camera); ESC or Q quits.
/// </summary>
public sealed class WhiskerViewer(WhiskerFrames frames, GlfwWindowView view, double controlHz, IReadOnlyList<string> cameras)
{
    private double _playClock;

    /// <summary>The state shown: after this many steps.</summary>
    public int Step { get; private set; }
    public bool Playing { get; private set; } = true;
    public bool ShowWhiskers { get; private set; } = true;
    public GlfwWindowView View => view;

    /// <summary>Applies inputs (keys and mouse) to the viewer; returns false once it should close.</summary>
    public bool Handle(IEnumerable<ViewerInput> inputs)
    {
        var mouse = new List<ViewerInput>();
        foreach (var input in inputs)
        {
            if (input is not KeyPressed k) { mouse.Add(input); continue; }
            switch (k.Key)
            {
                case ViewerKeys.Escape: view.ShouldClose = true; break;
                case ViewerKeys.Space when !k.Repeat: Playing = !Playing; if (Playing && Step == frames.Count - 1) Step = 0; break;
                case ViewerKeys.Left: Seek(Step - 1); break;
                case ViewerKeys.Right: Seek(Step + 1); break;
                case ViewerKeys.PageUp: Seek(Step - 10); break;
                case ViewerKeys.PageDown: Seek(Step + 10); break;
                case ViewerKeys.Home: Seek(0); break;
                case ViewerKeys.End: Seek(frames.Count - 1); break;
                default:
                    if (k.Repeat) break;
                    if (k.Char == 'Q') view.ShouldClose = true;
                    else if (k.Char == 'W') ShowWhiskers = !ShowWhiskers;
                    else if (k.Char == 'C')
                    {
                        var options = new List<string?> { null };
                        options.AddRange(cameras);
                        view.FixedCamera = options[(options.IndexOf(view.FixedCamera) + 1) % options.Count];
                    }
                    break;
            }
        }
        // Orbiting and zooming move the free camera, so leave a fixed camera for it.
        if (view.FixedCamera is not null && mouse.Any(m => m is MouseDragged or Scrolled)) view.FixedCamera = null;
        view.ApplyCameraControls(mouse);
        return !view.ShouldClose;
    }

    /// <summary>Advances playback by <paramref name="seconds"/> of wall time (at the control rate); stops at the end.</summary>
    public void Advance(double seconds)
    {
        if (!Playing) { _playClock = 0; return; }
        _playClock += seconds * controlHz;
        int steps = (int)_playClock;
        if (steps == 0) return;
        _playClock -= steps;
        Step = Math.Min(Step + steps, frames.Count - 1);
        if (Step == frames.Count - 1) Playing = false;
    }

    public void Draw() => view.Draw(frames.StateAt(Step), frames.OverlayAt(Step, ShowWhiskers));

    public CameraImage DrawAndCapture() => view.DrawAndCapture(frames.StateAt(Step), frames.OverlayAt(Step, ShowWhiskers));

    /// <summary>
    /// Runs the window until the user quits, or for <paramref name="maxFrames"/> frames. Each
    /// <paramref name="scriptedKeys"/> entry is pressed on one frame, before the user's own input
    /// (for scripted sessions and tests). Returns the last frame when <paramref name="capture"/> is set.
    /// </summary>
    public CameraImage? Run(int? maxFrames = null, IReadOnlyList<int>? scriptedKeys = null, bool capture = false)
    {
        var clock = Stopwatch.StartNew();
        CameraImage? last = null;
        for (int frame = 0; maxFrames is null || frame < maxFrames; frame++)
        {
            var inputs = new List<ViewerInput>();
            if (scriptedKeys is not null && frame < scriptedKeys.Count)
                inputs.Add(new KeyPressed(scriptedKeys[frame], KeyModifiers.None, false, 0, 0));
            inputs.AddRange(view.PollEvents());
            if (!Handle(inputs)) break;
            double dt = clock.Elapsed.TotalSeconds;
            clock.Restart();
            Advance(dt);
            if (capture) last = DrawAndCapture();
            else Draw();
            // Paused and idle: no need to redraw at full speed.
            if (!Playing) Thread.Sleep(15);
        }
        return last;
    }

    private void Seek(int step)
    {
        Playing = false;
        Step = Math.Clamp(step, 0, frames.Count - 1);
    }

    /// <summary>Parses key names for scripted sessions: SPACE, LEFT, RIGHT, PAGEUP, PAGEDOWN, HOME, END, ESC, or a single character.</summary>
    public static IReadOnlyList<int> ParseKeys(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(k => k.ToUpperInvariant() switch
        {
            "SPACE" => ViewerKeys.Space,
            "LEFT" => ViewerKeys.Left,
            "RIGHT" => ViewerKeys.Right,
            "HOME" => ViewerKeys.Home,
            "PAGEUP" => ViewerKeys.PageUp,
            "PAGEDOWN" => ViewerKeys.PageDown,
            "END" => ViewerKeys.End,
            "ESC" or "ESCAPE" => ViewerKeys.Escape,
            { Length: 1 } c => c[0],
            _ => throw new ArgumentException($"unknown viewer key '{k}'; expected SPACE, LEFT, RIGHT, PAGEUP, PAGEDOWN, HOME, END, ESC or a single character."),
        }).ToArray();
}
