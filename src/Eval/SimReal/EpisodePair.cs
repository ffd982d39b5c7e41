namespace Harness.Eval.SimReal;

/// <summary>
/// A simulated and a real episode that started from the same seed (the same block layout), with
/// each side's outcome class and, on the real side, the twin's prediction error (null where the
/// real run did not record it).
/// </summary>
public sealed record EpisodePair(int Seed, int SimEpisode, int RealEpisode, string SimOutcome, string RealOutcome, double? TwinErrorMeanM)
{
    public bool Agree => SimOutcome == RealOutcome;
}
