namespace Harness.Eval.Runs;

/// <summary>A run directory that cannot be used: the message names the file, what was expected and what was found.</summary>
public sealed class RunDirectoryException(string message, Exception? inner = null) : Exception(message, inner);
