namespace Harness.Policies.Remote.Msgpack;

/// <summary>Bytes that are not a valid msgpack document, or a value msgpack_numpy cannot carry.</summary>
public sealed class MsgpackFormatException(string message) : Exception(message);
