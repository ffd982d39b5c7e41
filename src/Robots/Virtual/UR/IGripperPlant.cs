namespace Harness.Robots.Virtual.UR;

/// <summary>
/// The fingers behind the virtual Robotiq: each cycle they move towards a target (in the gripper's
/// 0..255 register scale) at a speed in register counts per second; the plant says where they are
/// and whether contact stopped them.
/// </summary>
public interface IGripperPlant
{
    double Position { get; }

    /// <returns>true when contact with an object stopped the fingers short of the target.</returns>
    bool Step(double target, double countsPerSecond, double dt);

    /// <summary>Whether the fingers have come to rest at <paramref name="target"/> (OBJ 3), without an object in the way.</summary>
    bool Arrived(double target);
}

/// <summary>
/// Fingers without physics for tests: they travel at the commanded speed between the 2F-85's
/// mechanical stops (reads 3 open, 230 closed) and stop where an object placed with
/// <see cref="PlaceObject"/> meets them on closing.
/// </summary>
public sealed class KinematicGripperPlant : IGripperPlant
{
    public const double OpenStop = 3, ClosedStop = 230;
    private double? _objectAt;

    public double Position { get; private set; } = OpenStop;

    /// <summary>An object between the fingers that they reach at <paramref name="contactPosition"/> when closing (null: none).</summary>
    public void PlaceObject(double? contactPosition) => _objectAt = contactPosition;

    public bool Step(double target, double countsPerSecond, double dt)
    {
        double goal = Math.Clamp(target, OpenStop, ClosedStop);
        if (_objectAt is { } obj && goal > obj && Position <= obj) goal = obj;
        double delta = goal - Position, reach = countsPerSecond * dt;
        Position = Math.Abs(delta) <= reach ? goal : Position + Math.Sign(delta) * reach;
        return _objectAt is { } o && Position == o && Math.Clamp(target, OpenStop, ClosedStop) > o;
    }

    public bool Arrived(double target) => Math.Abs(Position - Math.Clamp(target, OpenStop, ClosedStop)) < 0.5;
}
