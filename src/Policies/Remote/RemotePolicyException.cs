namespace Harness.Policies.Remote;

/// <summary>
/// The policy server reported an error (a text frame, or a close with code 1011). <see cref="ServerText"/>
/// holds everything the server sent, typically a traceback.
/// </summary>
public sealed class RemotePolicyException(string endpoint, string serverText)
    : Exception($"policy server {endpoint} reported an error: {Summary(serverText)}")
{
    public string Endpoint { get; } = endpoint;
    public string ServerText { get; } = serverText;

    // A Python traceback ends with the error; our server's text starts with it.
    private static string Summary(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0) return "(no text)";
        return lines[0].StartsWith("Traceback", StringComparison.Ordinal) ? lines[^1] : lines[0];
    }
}
