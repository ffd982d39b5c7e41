namespace Harness.Robots.UR;

/// <summary>RTDE <c>runtime_state</c> (UINT32): the state of the program on the controller.</summary>
public enum UrRuntimeState : uint
{
    Stopping = 0,
    Stopped = 1,
    Playing = 2,
    Pausing = 3,
    Paused = 4,
    Resuming = 5,
}
