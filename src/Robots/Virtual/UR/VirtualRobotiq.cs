namespace Harness.Robots.Virtual.UR;

/// <summary>
/// The 2F-85 as its URCap socket presents it: writable ACT, GTO, ATR, ARD, FOR, SPE, POS; readable
/// STA (0 reset, 1 activating, 3 active), PRE (the request taken), OBJ (0 moving, 1/2 contact while
/// opening/closing, 3 arrived), FLT, and POS as the finger position. Activation takes
/// <see cref="ActivationTime"/>; motion runs at 20..150 mm/s over the 85 mm stroke by SPE.
/// Ticked by the controller's cycle.
/// </summary>
public sealed class VirtualRobotiq(IGripperPlant plant)
{
    public static readonly string[] Writable = ["ACT", "GTO", "ATR", "ARD", "FOR", "SPE", "POS"];
    public static readonly string[] Readable = ["ACT", "GTO", "ATR", "ARD", "FOR", "SPE", "POS", "STA", "PRE", "OBJ", "FLT"];

    private readonly Dictionary<string, int> _written = Writable.ToDictionary(v => v, _ => 0);
    private double _activationLeft;

    public IGripperPlant Plant { get; } = plant;
    public double ActivationTime { get; init; } = 0.5;
    public int Sta { get; private set; }
    public int Pre { get; private set; }
    public int Obj { get; private set; }
    public int Flt { get; private set; }

    /// <summary>An emergency stop cuts tool power: every GET answers '?' until it is released.</summary>
    public bool Unavailable { get; set; }

    /// <summary>Applies one SET command's variables together. Returns an error text, or null when accepted.</summary>
    public string? Set(IReadOnlyList<(string Variable, int Value)> values)
    {
        foreach (var (v, x) in values)
        {
            if (!_written.ContainsKey(v)) return $"unknown or read-only variable {v}";
            if (x is < 0 or > 255) return $"{v} {x} is outside 0..255";
        }
        foreach (var (v, x) in values)
        {
            int before = _written[v];
            _written[v] = x;
            if (v == "ACT" && x == 0) { Sta = 0; Flt = 0; Obj = 0; _activationLeft = 0; }
            if (v == "ACT" && x == 1 && before == 0 && Sta == 0) { Sta = 1; _activationLeft = ActivationTime; }
        }
        if (_written["GTO"] == 1 && Sta != 3) Flt = _written["ACT"] == 0 ? 0x07 : 0x05;
        return null;
    }

    /// <summary>The value of a readable variable; null when the gripper cannot answer (unknown variable, unavailable).</summary>
    public int? Get(string variable) => variable switch
    {
        _ when Unavailable => null,
        "STA" => Sta,
        "PRE" => Pre,
        "OBJ" => Obj,
        "FLT" => Flt,
        "POS" => (int)Math.Round(Plant.Position),
        _ when _written.TryGetValue(variable, out var v) => v,
        _ => null,
    };

    public bool IsReadable(string variable) => Readable.Contains(variable);

    public void Tick(double dt)
    {
        if (Sta == 1)
        {
            _activationLeft -= dt;
            if (_activationLeft <= 0) { Sta = 3; Flt = 0; Obj = 3; Pre = 0; }
            return;
        }
        if (Sta != 3 || _written["GTO"] != 1) return;
        if (Pre != _written["POS"]) { Pre = _written["POS"]; Obj = 0; }
        if (Obj != 0) return;
        double mmPerSecond = 20 + 130 * _written["SPE"] / 255.0;
        double countsPerSecond = mmPerSecond / 85.0 * (KinematicGripperPlant.ClosedStop - KinematicGripperPlant.OpenStop);
        bool closing = Pre > Plant.Position;
        bool contact = Plant.Step(Pre, countsPerSecond, dt);
        if (contact) Obj = closing ? 2 : 1;
        else if (Plant.Arrived(Pre)) Obj = 3;
    }
}
