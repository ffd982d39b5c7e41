using Harness.Eval.Statistics;

namespace Harness.Eval.SimReal;

/// <summary>What to compare: simulation variants, the real runs, and the bootstrap's size and seed.</summary>
public sealed record SimRealRequest(IReadOnlyList<SimVariantInput> Sim, IReadOnlyList<string> Real,
    int Resamples = PercentileBootstrap.DefaultResamples, ulong BootstrapSeed = 0);
