namespace Harness.Robots.Operators;

/// <summary>A person at the console: shows the prompt and waits for ENTER.</summary>
public sealed class ConsoleOperator(TextReader input, TextWriter output) : IOperator
{
    public static ConsoleOperator Standard() => new(Console.In, Console.Out);

    public void Perform(OperatorRequest request, Action? whileWaiting = null)
    {
        output.WriteLine(request.Prompt);
        output.Flush();
        var line = Task.Run(input.ReadLine);
        if (whileWaiting is not null)
            while (!line.IsCompleted) whileWaiting();
        if (line.GetAwaiter().GetResult() is null)
            throw new OperatorException(
                "standard input closed before the operator pressed ENTER. Run interactively, or against a virtual bus with --auto.");
    }
}
