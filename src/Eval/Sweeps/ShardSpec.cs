namespace Harness.Eval.Sweeps;

/// <summary>
/// Shard <c>i/n</c> of a sweep: the (checkpoint, episode) pairs, checkpoint by checkpoint and in
/// episode order, are cut into n contiguous blocks of nearly equal size; shard i runs block i. The
/// split depends only on i, n and the sweep's size, so every machine computes the same one, and each
/// shard loads few checkpoints (few policy servers to start).
/// </summary>
public sealed record ShardSpec(int Index, int Count)
{
    public override string ToString() => $"{Index}/{Count}";

    public static ShardSpec Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], out int i) || !int.TryParse(parts[1], out int n))
            throw new ArgumentException($"--shard must be INDEX/COUNT such as 0/4; got '{text}'.");
        if (n < 1 || i < 0 || i >= n)
            throw new ArgumentException($"--shard {text}: the index must be in 0..COUNT-1 and COUNT at least 1 (e.g. 0/4 ... 3/4).");
        return new ShardSpec(i, n);
    }

    /// <summary>For each checkpoint, the episode indices this shard runs (ascending; empty when none).</summary>
    public IReadOnlyList<IReadOnlyList<int>> Assign(int checkpoints, int episodes)
    {
        long total = (long)checkpoints * episodes;
        long from = total * Index / Count, to = total * (Index + 1) / Count;
        var result = new List<IReadOnlyList<int>>(checkpoints);
        for (int c = 0; c < checkpoints; c++)
        {
            long lo = Math.Max(from, (long)c * episodes), hi = Math.Min(to, (long)(c + 1) * episodes);
            result.Add(lo < hi ? Enumerable.Range((int)(lo - (long)c * episodes), (int)(hi - lo)).ToArray() : []);
        }
        return result;
    }
}
