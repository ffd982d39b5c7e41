namespace Harness.Bench;

public static class Program
{
    // One line per benchmark: `dotnet run -c Release --project bench/Harness.Bench -- <name> [args]`.
    public static int Main(string[] args) => args.FirstOrDefault() switch
    {
        "openpi" => OpenPiBench.Run(args[1..]),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Harness.Bench <benchmark> [args]; benchmarks: openpi [rounds] [calls-per-round]");
        return 2;
    }
}
