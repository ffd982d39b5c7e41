namespace Harness.Policies.Remote;

/// <summary>The policy server could not be reached, or the connection dropped during a call.</summary>
public sealed class RemoteConnectionException(string message, Exception? inner = null) : Exception(message, inner);
