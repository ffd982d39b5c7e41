namespace Harness.Sim.Tasks.PickPlace;

/// <summary>A closed interval along one axis (metres, or degrees for a yaw).</summary>
public readonly record struct AxisRange(double Min, double Max)
{
    public bool Contains(double v) => v >= Min && v <= Max;
}

/// <summary>
/// Everything about one pick-and-place scene that the task must not guess: the names it reads in
/// the model, the geometry of the table and the goal, and the thresholds of the outcome
/// definitions (README, "Pick-and-place outcomes"). Names and geometry are required (a scene
/// package gives them: task.object, task.goal, robot.grippers, task.parameters); the thresholds
/// default to the values chosen for the SO-101 scene (a 2.5 cm block, 30 Hz control) and a package
/// may override them. Heights are of the object's centre; "height above rest" is measured from its
/// resting height on the table. Where the object starts is the package's layout, not the task's.
/// </summary>
public sealed record PickPlaceParameters
{
    /// <summary>Body of the object to move; its name is also the noun used in detail strings ("block").</summary>
    public required string ObjectBody { get; init; }

    /// <summary>The object's collision geoms (contacts with these are the object's contacts).</summary>
    public required IReadOnlyList<string> ObjectGeoms { get; init; }

    /// <summary>Body whose origin is the goal's centre on the table; its name is the noun in details ("bowl").</summary>
    public required string GoalBody { get; init; }

    /// <summary>The object is in the goal when its centre is horizontally closer than this to the goal centre.</summary>
    public required double GoalRadiusM { get; init; }

    /// <summary>... and its centre is lower than this above the table top (SO-101: the bowl's rim, 3.6 cm).</summary>
    public required double GoalMaxHeightM { get; init; }

    /// <summary>Height of the table top in the world frame.</summary>
    public required double TableTopZ { get; init; }

    /// <summary>Extent of the table top along x and y (world frame); past it the object falls.</summary>
    public required AxisRange TableX { get; init; }

    public required AxisRange TableY { get; init; }

    /// <summary>Bodies of the gripper (palm, jaws): contact with their geoms is not support.</summary>
    public required IReadOnlyList<string> GripperBodies { get; init; }

    /// <summary>Name prefixes of the fixed jaw's geoms (a full name is a prefix of itself).</summary>
    public required IReadOnlyList<string> FixedJawGeomPrefixes { get; init; }

    /// <summary>Name prefixes of the moving jaw's geoms.</summary>
    public required IReadOnlyList<string> MovingJawGeomPrefixes { get; init; }

    /// <summary>Site between the jaws, for the tool-to-object distance and the tool's path length.</summary>
    public required string ToolSite { get; init; }

    /// <summary>Key of the gripper element of the action (a <c>JointKind.Gripper</c> joint with a GripperSense).</summary>
    public required string GripperActionKey { get; init; }

    /// <summary>Height of the object's centre above the table top when it rests on the table.</summary>
    public required double ObjectRestHeightM { get; init; }

    /// <summary>Picked up: held by both jaws with the centre at least this far above rest (SO-101: 2 cm) ...</summary>
    public double LiftM { get; init; } = 0.02;

    /// <summary>... on this many consecutive steps (SO-101: 3 steps, 0.1 s; a one-step squeeze that pops the block up is no pick).</summary>
    public int PickSteps { get; init; } = 3;

    /// <summary>A grasp is lost after this many consecutive steps without both jaws on the object (SO-101: 3).</summary>
    public int ReleaseSteps { get; init; } = 3;

    /// <summary>A lost grasp is a drop if the object falls at least this far before it lands (SO-101: 2 cm, the lift height).</summary>
    public double DropHeightM { get; init; } = 0.02;

    /// <summary>... or lands at least this far (horizontally) from where the grasp was lost (SO-101: 3 cm).</summary>
    public double PlaceTravelM { get; init; } = 0.03;

    /// <summary>Consecutive steps at rest in the goal, not held, that end the episode as a success (SO-101: 10).</summary>
    public int SuccessSteps { get; init; } = 10;

    /// <summary>
    /// The gripper counts as closed when its command is within this fraction of its range from the
    /// closed end (SO-101: 0.1, i.e. at most 10 on 0-100, about where its jaws meet the 2.5 cm block).
    /// </summary>
    public double GripperClosedFraction { get; init; } = 0.1;
}
