using Spectre.Console;

namespace Harness.Tests.Support;

/// <summary>Runs the `harness` command line in this process, capturing what it prints.</summary>
public static class InProcessCli
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (oldOut, oldErr, oldAnsi) = (Console.Out, Console.Error, AnsiConsole.Console);
        var (o, e) = (new StringWriter(), new StringWriter());
        Console.SetOut(o);
        Console.SetError(e);
        // Spectre's console keeps the writer it was created with: give each run its own, without colour codes.
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(o), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        try { return (Harness.Cli.Program.Main(args), o.ToString(), e.ToString()); }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
            AnsiConsole.Console = oldAnsi;
        }
    }
}
