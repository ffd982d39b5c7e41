using System.Globalization;
using Harness.Core.Randomness;
using Harness.Core.Robots;
using Harness.Sim.Env;
using Harness.Sim.Native;

namespace Harness.Sim.Perturbations.Kinds;

/// <summary>When a push starts: once a body is lifted a height above where it started, or at a step drawn from a window.</summary>
public sealed record PushTrigger(string? LiftedBody, double LiftedM, int FirstStep, int LastStep)
{
    public bool OnLift => LiftedBody is not null;
}

/// <summary>
/// push: an external force of the value (newtons) on a body for <see cref="DurationS"/>, once per
/// episode, when the trigger fires: during transport (the object lifted a height above its start)
/// or at a step drawn from a window. The direction is fixed, or horizontal at an angle drawn from
/// the seed (the same at every level). The force is added to what the model already applies (e.g.
/// gravity compensation) and removed afterwards.
/// </summary>
public sealed record Push(string Body, PushTrigger Trigger, double DurationS, double[]? Direction, double ControlHz) : IPerturbation
{
    /// <summary>Arrow length in stills per newton (m), with a minimum so a small push still shows.</summary>
    public const double MarkerMPerN = 0.01, MarkerMinM = 0.03;

    public string Kind => "push";
    public IReadOnlyList<string> DetailKeys => ["step", "direction_deg"];
    public StillMoment Still => StillMoment.Event;

    internal static IPerturbation? Parse(PerturbationContext c)
    {
        var s = c.Section;
        int body = c.Names.Require(MjObject.Body, s.Body, $"{c.Key}.body");
        if (body == 0) { c.P("body", "the world body cannot be pushed."); return null; }
        var trigger = ParseTrigger(c, s.Body);
        double duration = s.DurationS ?? 0.2;
        if (duration <= 0 || duration > 5) { c.P("duration_s", $"expected a duration in seconds in (0, 5]; found {duration}."); return null; }
        double[]? dir = null;
        if (s.Direction is { } d)
        {
            double n = d.Count == 3 ? Math.Sqrt(d.Sum(x => x * x)) : 0;
            if (n == 0) { c.P("direction", $"expected a non-zero vector [x, y, z]; found [{string.Join(", ", d)}]."); return null; }
            dir = d.Select(x => x / n).ToArray();
        }
        return body > 0 && trigger is not null ? new Push(s.Body!, trigger, duration, dir, c.ControlHz) : null;
    }

    private static PushTrigger? ParseTrigger(PerturbationContext c, string? pushed)
    {
        const string expected = "{lifted_m: H} (optionally body: NAME, default the pushed body) to push during transport, or {steps: [FIRST, LAST]} to push at a step drawn from a window";
        var t = c.Section.Trigger;
        if (t is null) { c.P("trigger", $"missing; expected {expected}."); return null; }
        double? Num(object o) => double.TryParse(Convert.ToString(o, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
        if (t.TryGetValue("lifted_m", out var h) && t.Keys.All(k => k is "lifted_m" or "body"))
        {
            string? body = t.TryGetValue("body", out var b) ? Convert.ToString(b, CultureInfo.InvariantCulture) : pushed;
            if (Num(h) is not { } lift || lift <= 0) { c.P("trigger.lifted_m", $"expected a height in metres > 0; found '{h}'."); return null; }
            return c.Names.Require(MjObject.Body, body, $"{c.Key}.trigger.body") > 0 ? new PushTrigger(body, lift, 0, 0) : null;
        }
        if (t.TryGetValue("steps", out var w) && t.Count == 1 && w is IEnumerable<object> list)
        {
            var steps = list.Select(Num).ToArray();
            if (steps.Length == 2 && steps.All(x => x is >= 0 && x == Math.Round(x.Value)) && steps[0] <= steps[1])
                return new PushTrigger(null, 0, (int)steps[0]!.Value, (int)steps[1]!.Value);
            c.P("trigger.steps", $"expected [FIRST, LAST], whole control steps with FIRST <= LAST; found [{string.Join(", ", list)}].");
            return null;
        }
        c.P("trigger", $"expected {expected}; found keys {string.Join(", ", t.Keys)}.");
        return null;
    }

    public IBoundPerturbation Bind(MujocoEnv env, PerturbationRange range) =>
        new Bound(this, env, env.Model.RequireId(MjObject.Body, Body), Trigger.LiftedBody is { } lb ? env.Model.RequireId(MjObject.Body, lb) : -1);

    private sealed class Bound(Push kind, MujocoEnv env, int body, int liftedBody) : IBoundPerturbation
    {
        private readonly int _duration = Math.Max(1, (int)Math.Round(kind.DurationS * kind.ControlHz));
        private readonly Dictionary<string, double?> _details = new() { ["step"] = null, ["direction_deg"] = null };
        private readonly double[] _force = new double[3];
        private double _startZ;
        private int _triggerStep, _start, _end;
        private bool _fire;

        public bool EditsModel => false;
        public IReadOnlyDictionary<string, double?> Details => _details;

        public (double[] From, double[] To)? Marker
        {
            get
            {
                if (_start < 0 || env.CurrentStep <= _start || env.CurrentStep > _end + 1) return null;
                var p = env.Data.BodyPos(body);
                double n = Math.Sqrt(_force[0] * _force[0] + _force[1] * _force[1] + _force[2] * _force[2]);
                double len = Math.Max(MarkerMinM, MarkerMPerN * n) / Math.Max(n, 1e-9);
                // The arrow ends at the body: it shows where the push comes from and which way it acts.
                return ([p[0] - _force[0] * len, p[1] - _force[1] * len, p[2] - _force[2] * len], [p[0], p[1], p[2]]);
            }
        }

        public void Begin(double value, SeededRandom draws)
        {
            double angle = 2 * Math.PI * draws.NextDouble();
            double window = draws.NextDouble();
            var dir = kind.Direction ?? [Math.Cos(angle), Math.Sin(angle), 0];
            for (int i = 0; i < 3; i++) _force[i] = value * dir[i];
            _triggerStep = kind.Trigger.OnLift ? -1 : kind.Trigger.FirstStep + (int)Math.Floor(window * (kind.Trigger.LastStep - kind.Trigger.FirstStep + 1));
            _start = _end = -1;
            _fire = false;
            _details["step"] = null;
            _details["direction_deg"] = Math.Round(Rotations.Deg(Math.Atan2(dir[1], dir[0])), 3);
        }

        public void Started(Observation first)
        {
            if (liftedBody >= 0) _startZ = env.Data.BodyPos(liftedBody)[2];
        }

        public void BeforeStep(MjData data, int step)
        {
            if (_start < 0 && (_fire || step == _triggerStep))
            {
                Add(data, +1);
                (_start, _end) = (step, step + _duration - 1);
                _details["step"] = step;
            }
            else if (_start >= 0 && step == _end + 1) Add(data, -1);
        }

        public void AfterStep(MjData data, int step)
        {
            if (_start < 0 && liftedBody >= 0 && data.BodyPos(liftedBody)[2] - _startZ >= kind.Trigger.LiftedM) _fire = true;
        }

        // Added to (and later taken from) what the model applies already, e.g. gravity compensation.
        private void Add(MjData data, int sign)
        {
            var f = data.XfrcApplied;
            for (int i = 0; i < 3; i++) f[6 * body + i] += sign * _force[i];
        }
    }
}
