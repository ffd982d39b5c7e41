namespace Harness.Bench;

public static class Program
{
    public static int Main(string[] args) => args.FirstOrDefault() switch
    {
        "onnx" => Onnx.OnnxBench.Run(args[1..]),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.WriteLine("usage: dotnet run -c Release --project bench/Harness.Bench -- <bench> [options]; benches: onnx");
        return 2;
    }
}
