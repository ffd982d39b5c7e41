using System.Globalization;
using Harness.Core.Randomness;
using Harness.Core.Robots;
using Harness.Core.Tasks;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Tests.ToyTask;

/// <summary>
/// "Push the puck into the zone": the puck starts at x drawn from the seed in the package's start
/// range; the episode ends once puck and pusher have been still for 10 steps. Success is the
/// resting state alone (the puck's centre within the zone); the failures say how it missed.
/// </summary>
public sealed class ToyPushTask : ISceneTask
{
    public const double TouchedAfterM = 0.002, StillBelowMps = 0.002;
    public const int StillSteps = 10;

    public static readonly TaskSchema Schema = new("toy-push-puck", "push the puck along the rail into the zone",
        [
            OutcomeClass.Success("the puck rests with its centre inside the zone"),
            new("PUSHED_PAST", "the puck was pushed and rests beyond the zone", 1, 'p'),
            new("STOPPED_SHORT", "the puck was pushed and rests before the zone", 2, 'h'),
            new("NEVER_TOUCHED", "the puck never moved and rests outside the zone", 3, 'n'),
        ],
        [
            MetricSpec.Flag("touched", "the puck moved more than 2 mm from its start"),
            new("puck_travel_m", Units.Metres, "distance between the puck's start and rest positions", [MetricAggregation.Mean]),
            new("zone_distance_m", Units.Metres, "distance from the puck's rest position to the zone centre", [MetricAggregation.Mean, MetricAggregation.Max]),
            new("time_to_touch_s", "s", "time at which the puck first moved", [MetricAggregation.P50]),
        ]);

    private readonly int _puck, _puckDof, _pusherDof;
    private readonly (double Min, double Max) _zone, _startRange;
    private double _start, _rest;
    private double? _touchedAt;
    private int _still;

    public ToyPushTask(MjModel model, string puckJoint, string prompt, (double Min, double Max) zone, (double Min, double Max) start)
    {
        TaskText = prompt;
        (_zone, _startRange) = (zone, start);
        int puck = model.RequireId(MjObject.Joint, puckJoint), pusher = model.RequireId(MjObject.Joint, "pusher");
        _puck = model.JointQposAdr(puck);
        _puckDof = model.JointDofAdr(puck);
        _pusherDof = model.JointDofAdr(pusher);
    }

    public string TaskText { get; }
    TaskSchema ISceneTask.Schema => Schema;
    public IReadOnlyList<FeatureSpec> Features { get; } =
        [new(FeatureNames.EnvironmentState, FeatureDType.Float32, [1], ["puck.x"], Privileged: true, Units: [Units.Metres])];

    public void Reset(MjData data, int seed)
    {
        _start = new SeededRandom((ulong)(uint)seed).Uniform(_startRange.Min, _startRange.Max);
        data.Qpos[_puck] = _start;
        data.Qvel[_puckDof] = 0;
        _rest = _start;
        _touchedAt = null;
        _still = 0;
    }

    public void AddObservation(MjData data, IDictionary<string, double[]> vectors) => vectors[FeatureNames.EnvironmentState] = [data.Qpos[_puck]];

    public bool Update(MjData data, int step, double time, ReadOnlySpan<double> appliedAction)
    {
        double x = data.Qpos[_puck];
        if (_touchedAt is null && Math.Abs(x - _start) > TouchedAfterM) _touchedAt = time;
        bool still = Math.Abs(data.Qvel[_puckDof]) < StillBelowMps && Math.Abs(data.Qvel[_pusherDof]) < StillBelowMps;
        _still = still ? _still + 1 : 0;
        _rest = x;
        return _still >= StillSteps;
    }

    public TaskOutcome Conclude(EpisodeEnd end)
    {
        double centre = (_zone.Min + _zone.Max) / 2, offset = _rest - centre;
        bool inZone = _rest >= _zone.Min && _rest <= _zone.Max;
        string label = inZone ? OutcomeClass.SuccessLabel : _touchedAt is null ? "NEVER_TOUCHED" : offset > 0 ? "PUSHED_PAST" : "STOPPED_SHORT";
        var metrics = new Dictionary<string, double>
        {
            ["touched"] = _touchedAt is null ? 0 : 1,
            ["puck_travel_m"] = Math.Abs(_rest - _start),
            ["zone_distance_m"] = Math.Abs(offset),
        };
        if (_touchedAt is { } t) metrics["time_to_touch_s"] = t;
        return new TaskOutcome(label, metrics, string.Create(CultureInfo.InvariantCulture,
            $"puck rests at x = {_rest:0.000} m (zone {_zone.Min:0.00}-{_zone.Max:0.00} m) after {end.Steps} steps, started at {_start:0.000} m"));
    }
}
