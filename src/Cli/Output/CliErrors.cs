using Spectre.Console;

namespace Harness.Cli.Output;

/// <summary>Runs a command body and turns expected failures into one clear line and exit code 2.</summary>
public static class CliErrors
{
    public static int Guard(Func<int> body)
    {
        try { return body(); }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("interrupted; the run directory keeps every finished episode and says complete: false.");
            return 130;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var root = ex is Harness.Eval.Evaluation.EvaluationAbortedException && ex.InnerException is not null ? ex.InnerException : ex;
            Console.Error.WriteLine($"error: {root.Message}");
            if (Environment.GetEnvironmentVariable("HARNESS_DEBUG") == "1") Console.Error.WriteLine(root);
            return 2;
        }
    }
}
