namespace Harness.Robots.Operators;

/// <summary>
/// The operator channel's line protocol (documented in src/Robots/README.md): a Unix domain socket
/// next to a virtual bus's link, one UTF-8 line per request and one line per reply.
/// </summary>
public static class OperatorChannel
{
    public const string MiddlePose = "MIDDLE_POSE";
    public const string Sweep = "SWEEP";
    public const string Reset = "RESET";
    public const string Label = "LABEL";
    public const string Ok = "OK";
    public const string Error = "ERR";

    /// <summary>Where the channel of the bus linked at <paramref name="linkPath"/> listens.</summary>
    public static string SocketPath(string linkPath) => Path.GetFullPath(linkPath) + ".operator";

    /// <summary>The request line for an operator request, without the newline.</summary>
    public static string Line(OperatorRequest request) => request.Action switch
    {
        OperatorAction.MiddlePose => MiddlePose,
        OperatorAction.SweepJoints => $"{Sweep} {string.Join(' ', request.ServoIds)}",
        OperatorAction.ResetScene => $"{Reset} {request.Seed ?? throw new ArgumentException("a scene reset needs the episode seed.")}",
        _ => throw new ArgumentOutOfRangeException(nameof(request), request.Action, "no operator channel command for this action."),
    };

    /// <summary>The request line asking the rig how an episode ended: <c>LABEL STEPS 0|1</c> (1: the step limit was reached).</summary>
    public static string LabelLine(Harness.Core.Tasks.EpisodeEnd end) => $"{Label} {end.Steps} {(end.ReachedStepLimit ? 1 : 0)}";
}
