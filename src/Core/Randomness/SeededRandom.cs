namespace Harness.Core.Randomness;

/// <summary>
/// SplitMix64: a small, fully specified generator, so that a seed gives the same draws on every
/// platform and .NET version (System.Random's seeded sequence is not a documented contract).
/// </summary>
public sealed class SeededRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double lo, double hi) => lo + (hi - lo) * NextDouble();

    /// <summary>Standard normal (Box-Muller).</summary>
    public double Gaussian()
    {
        double u1 = 1.0 - NextDouble(), u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}

/// <summary>Episode seeds: episode i of a run with seed s always gets the same seed, whatever the policy.</summary>
public static class EpisodeSeeds
{
    public static int For(int runSeed, int episode)
    {
        var r = new SeededRandom(((ulong)(uint)runSeed << 32) ^ (uint)episode);
        return (int)(r.NextUInt64() & 0x7FFFFFFF);
    }
}
