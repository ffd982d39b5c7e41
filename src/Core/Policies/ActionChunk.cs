namespace Harness.Core.Policies;

/// <summary>A predicted sequence of actions, T x A, in robot units.</summary>
public sealed record ActionChunk
{
    public ActionChunk(IReadOnlyList<double[]> actions)
    {
        if (actions.Count == 0) throw new ArgumentException("an action chunk needs at least one action.");
        int dim = actions[0].Length;
        for (int t = 0; t < actions.Count; t++)
            if (actions[t].Length != dim)
                throw new ArgumentException($"action chunk row {t} has {actions[t].Length} values; row 0 has {dim}.");
        Actions = actions;
    }

    public IReadOnlyList<double[]> Actions { get; }
    public int Length => Actions.Count;
    public int Dim => Actions[0].Length;
    public double[] this[int t] => Actions[t];

    /// <summary>The same chunk with every value rounded to float32 (what datasets store and robots get).</summary>
    public ActionChunk RoundedToFloat32() =>
        new(Actions.Select(row => row.Select(v => (double)(float)v).ToArray()).ToArray());
}
