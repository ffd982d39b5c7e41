using Harness.Core.Tasks;
using Harness.Robots.Feetech;
using Harness.Robots.Operators;
using Harness.Robots.Virtual.Feetech;

namespace Harness.Robots.Virtual.Operator;

/// <summary>
/// Plays the person at a virtual arm: answers operator-channel requests by moving limp joints
/// with the bus's <see cref="ServoHand"/>, the way a person would (refusing, as a person could
/// not, while a joint's torque is on).
/// </summary>
/// <param name="scene">The scene around the arm (objects laid out per episode seed, outcomes from its
/// physics); null for a rig without a scene, where there is nothing to put back, RESET only
/// acknowledges and LABEL is refused.</param>
public sealed class RigOperator(VirtualFeetechBus bus, TimeSpan dwell, IRigScene? scene = null)
{
    /// <summary>Answers one request line with one reply line (see src/Robots/README.md).</summary>
    public string Handle(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return $"{OperatorChannel.Error} empty request";
        switch (words[0])
        {
            case OperatorChannel.MiddlePose when words.Length == 1:
                MiddlePose();
                return OperatorChannel.Ok;
            case OperatorChannel.Sweep when words.Length > 1:
                Sweep(words.Skip(1).Select(ParseId).ToArray());
                return OperatorChannel.Ok;
            case OperatorChannel.Reset when words.Length == 2 && int.TryParse(words[1], out int seed):
                return scene is null ? $"{OperatorChannel.Ok} no scene objects on this rig" : $"{OperatorChannel.Ok} {scene.Reset(seed)}";
            case OperatorChannel.Label when words.Length == 3 && int.TryParse(words[1], out int steps) && words[2] is "0" or "1":
                if (scene is null) return $"{OperatorChannel.Error} this rig has no scene to watch; label the episode by hand";
                return $"{OperatorChannel.Ok} {scene.Label(new EpisodeEnd(steps, words[2] == "1")).ToLine()}";
            default:
                return $"{OperatorChannel.Error} unknown request '{line}'; this rig understands " +
                       $"'{OperatorChannel.MiddlePose}', '{OperatorChannel.Sweep} ID...', '{OperatorChannel.Reset} SEED' and '{OperatorChannel.Label} STEPS 0|1'";
        }
    }

    private void MiddlePose()
    {
        var ids = bus.Ids;
        RequireLimp(ids);
        Move(ids.Select((_, i) => (i, (double)bus.Plant.Travel[i].Middle)).ToArray());
    }

    /// <summary>
    /// Each joint in turn: to its minimum, hold, to its maximum, hold, back to the middle. Like a
    /// person watching the live table, the hand holds each end until the position has been read
    /// at least once (at most <see cref="MaxHold"/>), so a slow recorder still sees both ends.
    /// </summary>
    private void Sweep(IReadOnlyList<byte> ids)
    {
        RequireLimp(ids);
        foreach (byte id in ids)
        {
            int i = IndexOf(id);
            var travel = bus.Plant.Travel[i];
            Move([(i, travel.Min)]);
            Hold(id);
            Move([(i, travel.Max)]);
            Hold(id);
            Move([(i, travel.Middle)]);
        }
    }

    /// <summary>The longest a joint is held at one end waiting for someone to read its position.</summary>
    public static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(5);

    private void Hold(byte id)
    {
        long seen = bus.Inspect(id, s => s.PositionReads);
        Thread.Sleep(dwell);
        var deadline = DateTime.UtcNow + MaxHold;
        while (bus.Inspect(id, s => s.PositionReads) == seen && DateTime.UtcNow < deadline) Thread.Sleep(5);
    }

    private void Move(IReadOnlyList<(int Index, double Ticks)> moves)
    {
        double farthest = moves.Max(m => Math.Abs(m.Ticks - bus.Inspect(bus.Ids[m.Index], s => s.ActualTicks)));
        var timeout = TimeSpan.FromSeconds(farthest / bus.Hand.TicksPerSecond * 2 + 5);
        bus.Hand.MoveTogether(moves, timeout);
    }

    private void RequireLimp(IEnumerable<byte> ids)
    {
        var stiff = ids.Where(id => bus.Inspect(id, s => s.TorqueOn)).ToArray();
        if (stiff.Length > 0)
            throw new InvalidOperationException(
                $"torque is on for servo id(s) {string.Join(", ", stiff)}, so nobody could move those joints by hand; " +
                $"switch torque off first (write {Sts3215.TorqueEnable.Name} = 0).");
    }

    private int IndexOf(byte id)
    {
        var ids = bus.Ids;
        for (int i = 0; i < ids.Count; i++)
            if (ids[i] == id) return i;
        throw new ArgumentException($"no servo with id {id} on this rig (ids: {string.Join(", ", ids)}).");
    }

    private static byte ParseId(string word) =>
        byte.TryParse(word, out byte id) ? id : throw new ArgumentException($"'{word}' is not a servo id (0-253).");
}
