namespace Harness.Bench;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.WriteLine("benchmarks: none yet");
        return 0;
    }
}
