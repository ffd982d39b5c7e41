namespace Harness.Robots.Operators;

/// <summary>Something only a person at the arm can do (or a virtual rig playing that person).</summary>
public enum OperatorAction
{
    /// <summary>Put every joint in the middle of its range of motion (torque off).</summary>
    MiddlePose,

    /// <summary>Move each listed joint through its whole range of motion, one after another (torque off).</summary>
    SweepJoints,
}

/// <param name="Prompt">What a person is told to do, and how to say it is done.</param>
/// <param name="ServoIds">The servos concerned (for <see cref="OperatorAction.SweepJoints"/>, the joints to sweep).</param>
public sealed record OperatorRequest(OperatorAction Action, string Prompt, IReadOnlyList<byte> ServoIds);
