namespace Harness.Core.Policies;

/// <summary>What happened when a chunk was merged into an <see cref="ActionPlan"/>.</summary>
/// <param name="Dropped">Leading actions discarded because their step had already passed.</param>
/// <param name="Used">Actions that now make up the plan from the arrival step on (0: the chunk came too late to matter).</param>
public readonly record struct ChunkMerge(int Dropped, int Used);

/// <summary>
/// The actions to execute from the current step on, fed by chunks that may arrive late (inference
/// running while the robot moves). Time is counted in control steps. The merge rule, shared by the
/// real-time loop and the latency-faithful simulation:
/// <list type="number">
/// <item>Action j of a chunk predicted from the observation of step s is meant for step s + j.</item>
/// <item>A chunk that arrives at step t drops its actions for steps before t (their time has passed).</item>
/// <item>The rest replace the plan from step t on. With a blend of k steps, the first k of them are
/// mixed with the old plan's actions for the same steps, the new one weighted (i+1)/(k+1) at the
/// i-th step, so the motion does not jump; where the old plan has no action the new one is taken.</item>
/// <item>A chunk with nothing left after dropping leaves the plan unchanged.</item>
/// <item>When the plan runs out before a new chunk arrives, the last action is held (a starved step).</item>
/// </list>
/// </summary>
public sealed class ActionPlan(int blendSteps = 0)
{
    private readonly List<double[]> _actions = [];
    private int _start; // the step of _actions[0]

    public int BlendSteps { get; } = blendSteps >= 0 ? blendSteps : throw new ArgumentOutOfRangeException(nameof(blendSteps), "blend steps must be >= 0.");

    public bool IsEmpty => _actions.Count == 0;

    /// <summary>Actions left for steps <paramref name="step"/> and later.</summary>
    public int Remaining(int step) => Math.Max(0, _start + _actions.Count - step);

    public ChunkMerge Merge(ActionChunk chunk, int predictedAtStep, int arrivedAtStep)
    {
        if (arrivedAtStep < predictedAtStep)
            throw new ArgumentException($"a chunk cannot arrive (step {arrivedAtStep}) before it was asked for (step {predictedAtStep}).");
        int dropped = Math.Min(chunk.Length, arrivedAtStep - predictedAtStep);
        int used = chunk.Length - dropped;
        if (used == 0) return new ChunkMerge(dropped, 0);

        var merged = new List<double[]>(used);
        for (int i = 0; i < used; i++)
        {
            var fresh = chunk[dropped + i];
            if (i < BlendSteps && At(arrivedAtStep + i) is { } old)
            {
                double w = (i + 1.0) / (BlendSteps + 1.0);
                merged.Add(fresh.Select((v, d) => (1 - w) * old[d] + w * v).ToArray());
            }
            else merged.Add(fresh);
        }
        _actions.Clear();
        _actions.AddRange(merged);
        _start = arrivedAtStep;
        return new ChunkMerge(dropped, used);
    }

    /// <summary>The action for <paramref name="step"/>, holding the last one past the end; null only before any chunk.</summary>
    public double[]? ActionFor(int step, out bool starved)
    {
        starved = false;
        if (_actions.Count == 0) return null;
        if (At(step) is { } a) return a;
        starved = step >= _start + _actions.Count;
        return starved ? _actions[^1] : _actions[0];
    }

    /// <summary>The plan from <paramref name="step"/> on as a chunk (at least the held action).</summary>
    public ActionChunk From(int step)
    {
        if (_actions.Count == 0) throw new InvalidOperationException("the plan is empty; merge a chunk first.");
        int first = Math.Clamp(step - _start, 0, _actions.Count - 1);
        return new ActionChunk(_actions.Skip(first).ToArray());
    }

    public void Clear()
    {
        _actions.Clear();
        _start = 0;
    }

    private double[]? At(int step) => step >= _start && step < _start + _actions.Count ? _actions[step - _start] : null;
}
