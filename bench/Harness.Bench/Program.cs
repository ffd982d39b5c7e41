namespace Harness.Bench;

public static class Program
{
    public static int Main(string[] args)
    {
        // One line per bench: `dotnet run -c Release --project bench/Harness.Bench -- <name> [args]`.
        var rest = args.Skip(1).ToArray();
        return args.FirstOrDefault() switch
        {
            "render" => RenderBench.Run(rest),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.WriteLine("benchmarks: render");
        return 2;
    }
}
