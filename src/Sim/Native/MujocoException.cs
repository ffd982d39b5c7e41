namespace Harness.Sim.Native;

/// <summary>An error reported by MuJoCo (its own message text) or by the binding's checks.</summary>
public sealed class MujocoException(string message) : Exception(message);
