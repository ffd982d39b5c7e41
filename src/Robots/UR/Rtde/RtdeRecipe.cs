namespace Harness.Robots.UR.Rtde;

/// <summary>
/// A recipe accepted by the controller: its id (the first byte of every data package that uses
/// it) and the field names in order with the types the controller reported.
/// </summary>
public sealed record RtdeRecipe(byte Id, IReadOnlyList<string> Names, IReadOnlyList<RtdeType> Types)
{
    /// <summary>Bytes of the packed fields (without the recipe id byte).</summary>
    public int FieldBytes => Types.Sum(t => t.Size());

    public int IndexOf(string name)
    {
        for (int i = 0; i < Names.Count; i++)
            if (Names[i] == name) return i;
        return -1;
    }
}
