namespace Harness.Core.Policies;

/// <summary>
/// A policy behind a network hop that measures each call: the client's round trip and, when the
/// server reports them, the server's and the model's own inference times (ms).
/// </summary>
public interface IRemoteTimings
{
    IReadOnlyList<double> RoundTripMs { get; }
    IReadOnlyList<double> ServerInferMs { get; }
    IReadOnlyList<double> PolicyInferMs { get; }
}
