namespace Harness.Learning;

/// <summary>
/// Supervised pairs recorded from demonstrations: input = the policy's observation features
/// concatenated (in <see cref="InputFeatures"/> order), target = the next <see cref="Horizon"/>
/// actions flattened (T x A), padded with the episode's last action near the end.
/// </summary>
public sealed record DemonstrationSet(
    IReadOnlyList<string> InputFeatures,
    IReadOnlyList<int> InputSizes,
    int ActionDim,
    int Horizon,
    IReadOnlyList<float[]> Inputs,
    IReadOnlyList<float[]> Targets,
    int Episodes)
{
    public int Count => Inputs.Count;
    public int InputDim => InputSizes.Sum();
}
