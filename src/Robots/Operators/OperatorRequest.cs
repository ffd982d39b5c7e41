namespace Harness.Robots.Operators;

/// <summary>Something only a person at the arm can do (or a virtual rig playing that person).</summary>
public enum OperatorAction
{
    /// <summary>Put every joint in the middle of its range of motion (torque off).</summary>
    MiddlePose,

    /// <summary>Move each listed joint through its whole range of motion, one after another (torque off).</summary>
    SweepJoints,

    /// <summary>Lay out the scene for the next episode (objects back to where the episode's seed puts them).</summary>
    ResetScene,
}

/// <param name="Prompt">What a person is told to do, and how to say it is done.</param>
/// <param name="ServoIds">The servos concerned (for <see cref="OperatorAction.SweepJoints"/>, the joints to sweep).</param>
/// <param name="Seed">For <see cref="OperatorAction.ResetScene"/>: the episode seed whose layout to set up.</param>
public sealed record OperatorRequest(OperatorAction Action, string Prompt, IReadOnlyList<byte> ServoIds, int? Seed = null);
