using Harness.Core.Policies;
using Harness.Policies.Preflight;

namespace Harness.Policies.Remote.Server;

/// <summary>
/// `harness serve` keeps one policy per connection and resets it only on requests flagged
/// <c>harness/episode_start</c>. A policy that keeps history, served where requests cannot carry
/// that flag, leaks one episode into the next for every client that reuses its connection
/// (believable but wrong results): refused. Where the layout can carry it, clients must send it
/// (our openpi client does) or reconnect per episode: reported. A sampling policy cannot be
/// probed this way, and the result says so.
/// </summary>
public static class ServedHistoryCheck
{
    public const string Name = "ServedHistory";

    public static PreflightResult Run(IPolicy policy, PreflightContext ctx, bool layoutSendsEpisodeStart)
    {
        if (ctx.ResetObservations.Count < 2)
            return new PreflightResult(Name, PreflightStatus.Skipped, "no observations from the scene");
        var (answer, _) = HistoryProbe.Run(policy, ctx.ResetObservations[0], ctx.ResetObservations[1], ctx.TaskText, resetBetween: false);
        const string advice = "Clients must open one connection per episode or flag each episode's first request with harness/episode_start " +
                              "(the lerobot layout, or send_episode_start in a mapping file).";
        return answer switch
        {
            HistoryProbe.Answer.Stateless => new PreflightResult(Name, PreflightStatus.Pass),
            HistoryProbe.Answer.Sampling => new PreflightResult(Name, PreflightStatus.Skipped,
                $"{policy.Name} samples (the same observation gives different actions), so whether it keeps history between episodes cannot be checked. {advice}"),
            _ when layoutSendsEpisodeStart => new PreflightResult(Name, PreflightStatus.Warn,
                $"{policy.Name} keeps history between observations; it is reset only on requests flagged harness/episode_start. {advice}"),
            _ => new PreflightResult(Name, PreflightStatus.Fail,
                $"{policy.Name} keeps history between observations, and this layout sends no episode starts: a client that keeps its connection carries one episode into the next. " +
                "Serve with the lerobot layout or a mapping file with \"send_episode_start\": true, or make sure every client reconnects per episode and pass --force."),
        };
    }
}
