using Harness.Robots.UR;

namespace Harness.Robots.Virtual.UR;

/// <summary>
/// A program running on the virtual controller: an iterator that runs one controller cycle per
/// step and yields the servo target in force for that cycle (null: no motion command, hold).
/// Statements between yields take no controller time, as on the real controller.
/// </summary>
public abstract class ControllerProgram
{
    private IEnumerator<ServoTarget?>? _body;

    public abstract string Name { get; }

    internal UrRuntimeState State { get; set; } = UrRuntimeState.Stopped;

    protected abstract IEnumerable<ServoTarget?> Body(UrControllerCore controller);

    /// <summary>Runs one cycle. Returns false when the program has ended.</summary>
    internal bool Step(UrControllerCore controller, out ServoTarget? target)
    {
        _body ??= Body(controller).GetEnumerator();
        if (_body.MoveNext()) { target = _body.Current; return true; }
        target = null;
        return false;
    }
}

/// <summary>A program loaded with the dashboard's "load": holds the arm still until stopped.</summary>
public sealed class IdleProgram(string name) : ControllerProgram
{
    public override string Name { get; } = name;

    protected override IEnumerable<ServoTarget?> Body(UrControllerCore controller)
    {
        while (true) yield return null;
    }
}

/// <summary>A URScript runtime error: the controller stops the program and reports the text.</summary>
public sealed class ScriptRuntimeException(string message) : Exception(message);
