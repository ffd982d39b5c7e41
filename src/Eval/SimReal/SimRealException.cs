namespace Harness.Eval.SimReal;

/// <summary>Sim and real runs that cannot be compared: the message says what was expected, what was found and what to do.</summary>
public sealed class SimRealException(string message) : Exception(message);
