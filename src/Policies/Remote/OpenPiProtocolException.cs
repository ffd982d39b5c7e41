namespace Harness.Policies.Remote;

/// <summary>
/// A message that does not follow the openpi protocol or the chosen observation layout: malformed
/// msgpack, a missing key, a wrong dtype or shape. The message names the field.
/// </summary>
public sealed class OpenPiProtocolException(string message, Exception? inner = null) : Exception(message, inner);
