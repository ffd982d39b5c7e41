using System.Text;
using Harness.Core.Randomness;

namespace Harness.Sim.Perturbations;

/// <summary>
/// The draws of a perturbation come from the episode seed and the axis name only, never from the
/// level, the policy or the worker: every checkpoint sees the same perturbed episodes, and a
/// direction drawn for an episode (a camera shift, a push) is the same at every level, so levels
/// differ in magnitude alone.
/// </summary>
public static class PerturbationSeeds
{
    /// <summary>The generator of an episode's draws on an axis; <paramref name="stream"/> separates independent sequences (e.g. per-step noise).</summary>
    public static SeededRandom For(int episodeSeed, string axis, string stream = "") =>
        new(((ulong)(uint)episodeSeed * 0x9E3779B97F4A7C15UL) ^ Fnv1a(axis + "\u0000" + stream));

    // FNV-1a 64: a fixed, documented string hash (string.GetHashCode is randomised per process).
    private static ulong Fnv1a(string text)
    {
        ulong h = 0xCBF29CE484222325UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text)) { h ^= b; h *= 0x100000001B3UL; }
        return h;
    }
}
