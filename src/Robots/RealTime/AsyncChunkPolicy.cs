using Harness.Core.Policies;
using Harness.Core.Robots;

namespace Harness.Robots.RealTime;

/// <summary>How asynchronous inference overlaps the robot's motion.</summary>
/// <param name="RequestAtRemaining">Ask for the next chunk once this fraction of the last chunk or less is left to execute (LeRobot's async inference threshold).</param>
/// <param name="BlendSteps">Steps over which a late chunk is blended into the old plan (0: replace outright).</param>
public sealed record AsyncInference(double RequestAtRemaining = 0.5, int BlendSteps = 0)
{
    public void Validate()
    {
        if (RequestAtRemaining is < 0 or > 1 or double.NaN)
            throw new ArgumentOutOfRangeException(nameof(RequestAtRemaining), $"the request threshold is a fraction of the chunk (0..1); got {RequestAtRemaining}.");
        if (BlendSteps < 0) throw new ArgumentOutOfRangeException(nameof(BlendSteps), $"blend steps must be >= 0; got {BlendSteps}.");
    }
}

/// <summary>
/// Runs a policy's inference in the background while the robot executes the current chunk, so a
/// 100 ms policy does not stall a 30 Hz arm. The episode runner asks for actions every step
/// (<see cref="Hint"/>: one action per query) and gets the plan from that step on; the plan is an
/// <see cref="ActionPlan"/>, so late chunks are merged by its documented rule (actions whose step
/// has passed are dropped, the rest replace the plan, optionally blended). Only the episode's first
/// chunk is waited for. Counters say how often the plan ran dry or a chunk came too late.
/// </summary>
public sealed class AsyncChunkPolicy : IPolicy
{
    private readonly IPolicy _inner;
    private readonly AsyncInference _options;
    private readonly ActionPlan _plan;
    private Task<ActionChunk>? _inflight;
    private int _inflightStep;
    private int _lastChunkLength = 1;

    public AsyncChunkPolicy(IPolicy inner, AsyncInference? options = null)
    {
        _inner = inner;
        _options = options ?? new AsyncInference();
        _options.Validate();
        _plan = new ActionPlan(_options.BlendSteps);
    }

    public string Name => _inner.Name;
    public PolicyInputs Inputs => _inner.Inputs;
    public ExecutionHint Hint => new(ActionsPerQuery: 1);

    /// <summary>Chunks merged into the plan this episode.</summary>
    public int ChunksMerged { get; private set; }
    /// <summary>Actions dropped because their step had passed when their chunk arrived.</summary>
    public int ActionsDropped { get; private set; }
    /// <summary>Steps that had to hold the last action because no chunk arrived in time.</summary>
    public int StarvedSteps { get; private set; }

    public void Reset()
    {
        Settle();
        _plan.Clear();
        _lastChunkLength = 1;
        ChunksMerged = ActionsDropped = StarvedSteps = 0;
        _inner.Reset();
    }

    public ActionChunk Infer(Observation observation, string task)
    {
        int step = observation.Step;
        if (_inflight is { IsCompleted: true } done)
        {
            _inflight = null;
            Merge(done.GetAwaiter().GetResult(), _inflightStep, step);
        }
        if (_plan.IsEmpty) Merge(_inner.Infer(observation, task), step, step);
        if (_plan.Remaining(step) == 0) StarvedSteps++;
        if (_inflight is null && _plan.Remaining(step) - 1 <= _options.RequestAtRemaining * _lastChunkLength)
        {
            _inflightStep = step;
            _inflight = Task.Run(() => _inner.Infer(observation, task));
        }
        return _plan.From(step);
    }

    private void Merge(ActionChunk chunk, int predictedAt, int arrivedAt)
    {
        var m = _plan.Merge(chunk, predictedAt, arrivedAt);
        _lastChunkLength = chunk.Length;
        ActionsDropped += m.Dropped;
        if (m.Used > 0) ChunksMerged++;
    }

    public void Check(RobotSpec spec) => _inner.Check(spec);

    /// <summary>Waits for a background inference to finish (its result is discarded): the inner policy is not reentrant.</summary>
    private void Settle()
    {
        try { _inflight?.Wait(); }
        catch (AggregateException) { }
        _inflight = null;
    }

    public void Dispose()
    {
        Settle();
        _inner.Dispose();
    }
}
