namespace Harness.Eval.Sweeps.Serving;

/// <summary>
/// A <c>--serve-cmd</c> template: a shell command with <c>{checkpoint}</c> (replaced by the checkpoint
/// folder, shell-quoted) and <c>{port}</c> (a free loopback port), e.g.
/// <c>/usr/bin/python3 scripts/serve_lerobot.py {checkpoint} --port {port}</c>.
/// </summary>
public sealed record ServeTemplate(string Text)
{
    public static ServeTemplate Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new ArgumentException("--serve-cmd is empty; give the command that starts one policy server, with {checkpoint} and {port}.");
        if (!text.Contains("{port}", StringComparison.Ordinal))
            throw new ArgumentException($"--serve-cmd '{text}' has no {{port}}; the server must listen on the port the sweep gives it (e.g. ... --port {{port}}).");
        if (!text.Contains("{checkpoint}", StringComparison.Ordinal))
            throw new ArgumentException($"--serve-cmd '{text}' has no {{checkpoint}}; the server must load the checkpoint folder the sweep gives it.");
        return new ServeTemplate(text);
    }

    public string For(string checkpoint, int port) =>
        Text.Replace("{checkpoint}", ShellQuote(checkpoint), StringComparison.Ordinal).Replace("{port}", port.ToString(), StringComparison.Ordinal);

    public static string ShellQuote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
