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
/// chunk is waited for. Counters say how often the plan ran dry or a chunk came too late. The
/// same class runs the latency-faithful simulation: only <see cref="IInferenceTiming"/> differs
/// (wall clock on hardware, <see cref="SimulatedLatency"/> in simulation).
/// </summary>
public sealed class AsyncChunkPolicy : IPolicy, IPolicyWrapper, ICheckpointInfo
{
    private readonly IPolicy _inner;
    private readonly AsyncInference _options;
    private readonly IInferenceTiming _timing;
    private readonly ActionPlan _plan;
    private IPendingChunk? _inflight;
    private int _lastChunkLength = 1;

    public AsyncChunkPolicy(IPolicy inner, AsyncInference? options = null, IInferenceTiming? timing = null)
    {
        _inner = inner;
        _options = options ?? new AsyncInference();
        _options.Validate();
        _timing = timing ?? new WallClockInference();
        _plan = new ActionPlan(_options.BlendSteps);
    }

    public string Name => _inner.Name;
    public PolicyInputs Inputs => _inner.Inputs;
    public ExecutionHint Hint => new(ActionsPerQuery: 1);
    public IPolicy Inner => _inner;
    public IInferenceTiming Timing => _timing;

    /// <summary>The wrapped policy's checkpoint (a built-in one named after it when it has none).</summary>
    public CheckpointIdentity Identity => _inner is ICheckpointInfo c ? c.Identity : new CheckpointIdentity(CheckpointIdentity.BuiltIn, _inner.Name);

    /// <summary>Chunks merged into the plan this episode.</summary>
    public int ChunksMerged { get; private set; }
    /// <summary>Actions dropped because their step had passed when their chunk arrived.</summary>
    public int ActionsDropped { get; private set; }
    /// <summary>Steps that had to hold the last action because no chunk arrived in time.</summary>
    public int StarvedSteps { get; private set; }
    /// <summary>Inferences of the wrapped policy this episode (waited for or in the background).</summary>
    public int InnerCalls { get; private set; }

    public void Reset()
    {
        Settle();
        _plan.Clear();
        _lastChunkLength = 1;
        ChunksMerged = ActionsDropped = StarvedSteps = InnerCalls = 0;
        _inner.Reset();
    }

    public ActionChunk Infer(Observation observation, string task)
    {
        int step = observation.Step;
        if (_inflight is { } pending && pending.ReadyAt(step))
        {
            _inflight = null;
            Merge(pending.Result(), pending.RequestedAt, step);
        }
        if (_plan.IsEmpty)
        {
            InnerCalls++;
            Merge(_inner.Infer(observation, task), step, step);
        }
        if (_plan.Remaining(step) == 0) StarvedSteps++;
        if (_inflight is null && _plan.Remaining(step) - 1 <= _options.RequestAtRemaining * _lastChunkLength)
        {
            InnerCalls++;
            _inflight = _timing.Start(() => _inner.Infer(observation, task), step, observation.State);
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

    /// <summary>The wrapped policy's own pre-flight (asynchrony changes nothing it checks).</summary>
    public PreflightReport Preflight(PreflightContext context) => _inner.Preflight(context);

    /// <summary>Waits for a background inference to finish (its result is discarded): the inner policy is not reentrant.</summary>
    private void Settle()
    {
        _inflight?.Settle();
        _inflight = null;
    }

    public void Dispose()
    {
        Settle();
        _inner.Dispose();
    }
}
