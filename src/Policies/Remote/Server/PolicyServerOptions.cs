using Harness.Policies.Remote.Layouts;

namespace Harness.Policies.Remote.Server;

/// <summary>
/// Where and how a <see cref="PolicyServer"/> serves. Port 0 picks a free port (tests). Binds
/// loopback unless told otherwise: a policy server has no authentication.
/// </summary>
public sealed record PolicyServerOptions
{
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = OpenPiPolicy.DefaultPort;

    /// <summary>How requests are decoded; null = <see cref="LeRobotLayout"/>.</summary>
    public IObservationLayout? Layout { get; init; }

    /// <summary>The metadata frame sent first on every connection; null sends <c>{}</c>.</summary>
    public IReadOnlyDictionary<string, object?>? Metadata { get; init; }

    /// <summary>Receives one line per connection event and error; null is silent.</summary>
    public Action<string>? Log { get; init; }
}
