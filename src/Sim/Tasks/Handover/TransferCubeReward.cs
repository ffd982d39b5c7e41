namespace Harness.Sim.Tasks.Handover;

/// <summary>
/// gym-aloha's (and ACT's) per-step reward of the transfer-cube task, on our contacts: 1 a giver
/// finger touches the cube, 2 it does and the cube does not touch the table, 3 a receiver finger
/// touches the cube (whatever the giver does), 4 it does and the cube does not touch the table. The
/// later rule wins. Episodes are scored by the highest reward over all their steps, and 4 counts as
/// a success (ACT's imitate_episodes, gym-aloha's is_success).
/// </summary>
public static class TransferCubeReward
{
    public const int Max = 4;

    public static int Of(in HandoverFrame f)
    {
        int reward = 0;
        if (f.Giver.FingerTouch) reward = 1;
        if (f.Giver.FingerTouch && !f.CubeOnTable) reward = 2;
        if (f.Receiver.FingerTouch) reward = 3;
        if (f.Receiver.FingerTouch && !f.CubeOnTable) reward = 4;
        return reward;
    }
}
