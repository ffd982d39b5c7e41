namespace Harness.Core.Policies;

/// <summary>
/// Thrown by a policy that could not reach its model at all (a remote server that refuses or drops
/// connections). A run ends early after a few consecutive episodes fail this way, instead of
/// waiting out every remaining episode.
/// </summary>
public sealed class PolicyUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
