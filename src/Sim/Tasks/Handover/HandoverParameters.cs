namespace Harness.Sim.Tasks.Handover;

/// <summary>
/// Everything one handover scene says about its task: the model names it reads (the cube, the two
/// grippers with their jaws and arms, the table) and the thresholds of the outcome definitions
/// (README, "Handover outcomes"). Names come from the scene package; the thresholds default to the
/// values chosen for the Trossen kit (a 4 cm cube at 30 Hz) and are overridden with <c>with</c>.
/// Heights are of the cube's centre above its resting height on the table.
/// </summary>
public sealed record HandoverParameters
{
    /// <summary>Body of the cube; its name is the noun used in detail strings.</summary>
    public required string ObjectBody { get; init; }

    /// <summary>The cube's collision geom.</summary>
    public required string ObjectGeom { get; init; }

    /// <summary>The gripper that picks the cube up (the right arm on the kit), and the one that takes it (the left).</summary>
    public required HandoverGripper Giver { get; init; }

    public required HandoverGripper Receiver { get; init; }

    /// <summary>Body whose geoms are the table: a contact with any of them is "on the table".</summary>
    public required string TableBody { get; init; }

    /// <summary>Height of the table top (world frame).</summary>
    public required double TableTopZ { get; init; }

    /// <summary>Height of the cube's centre above the table top when it rests there (half its size).</summary>
    public required double ObjectRestHeightM { get; init; }

    /// <summary>Picked up: held by both of the giver's jaws with the centre at least this far above rest ...</summary>
    public double LiftM { get; init; } = 0.02;

    /// <summary>... on this many consecutive steps (0.1 s at 30 Hz: a squeeze that pops the cube up is no pick).</summary>
    public int PickSteps { get; init; } = 3;

    /// <summary>A grasp is lost after this many consecutive steps without both jaws on the cube.</summary>
    public int ReleaseSteps { get; init; } = 3;

    /// <summary>Consecutive steps of gym-aloha's stage 4 held by the receiver alone that make a success.</summary>
    public int SuccessSteps { get; init; } = 10;

    /// <summary>
    /// When the giver loses its last pick without a handover, the receiver's tool site (its fingertips)
    /// this close to the cube's centre means the receiver was there to take it: a missed handover, not a drop.
    /// </summary>
    public double ReceiverReachM { get; init; } = 0.06;
}

/// <summary>A gripper as the handover task reads it: its name, its tool site, the name prefixes of its two jaws' geoms, and the root body of its arm.</summary>
public sealed record HandoverGripper(string Name, string ToolSite, IReadOnlyList<string> FirstJaw, IReadOnlyList<string> SecondJaw, string ArmRoot);
