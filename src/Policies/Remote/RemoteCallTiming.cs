namespace Harness.Policies.Remote;

/// <summary>
/// Timing of one remote inference: the client's round trip (send to full answer) and what the
/// server reported (its own infer time, the policy's, and the total of its previous request).
/// </summary>
public sealed record RemoteCallTiming(double RoundTripMs, double? ServerInferMs, double? PolicyInferMs, double? ServerPrevTotalMs)
{
    /// <summary>Round trip not spent inferring on the server: network, encoding, decoding.</summary>
    public double? OverheadMs => ServerInferMs is { } s ? RoundTripMs - s : null;
}
