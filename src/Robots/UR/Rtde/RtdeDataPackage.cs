namespace Harness.Robots.UR.Rtde;

/// <summary>
/// One decoded output data package. <see cref="ReceivedAt"/> is the <see cref="System.Diagnostics.Stopwatch"/>
/// timestamp at which the client read it off the socket.
/// </summary>
public sealed record RtdeDataPackage(RtdeRecipe Recipe, IReadOnlyList<object> Values, long ReceivedAt)
{
    public object this[string name]
    {
        get
        {
            int i = Recipe.IndexOf(name);
            if (i < 0)
                throw new KeyNotFoundException($"field '{name}' is not in the output recipe ({string.Join(", ", Recipe.Names)}); add it to the recipe.");
            return Values[i];
        }
    }

    public bool Has(string name) => Recipe.IndexOf(name) >= 0;

    public double Double(string name) => this[name] switch
    {
        double d => d,
        var v => throw Mismatch(name, v, "DOUBLE"),
    };

    /// <summary>VECTOR3D / VECTOR6D as doubles; VECTOR6INT32 / VECTOR6UINT32 converted.</summary>
    public double[] Vector(string name) => this[name] switch
    {
        double[] d => d,
        int[] i => i.Select(x => (double)x).ToArray(),
        uint[] u => u.Select(x => (double)x).ToArray(),
        var v => throw Mismatch(name, v, "a vector"),
    };

    /// <summary>Any integer type (UINT8, INT32, UINT32, UINT64 up to long.MaxValue) or BOOL as 0/1.</summary>
    public long Integer(string name) => this[name] switch
    {
        byte b => b,
        int i => i,
        uint u => u,
        ulong ul when ul <= long.MaxValue => (long)ul,
        bool b => b ? 1 : 0,
        var v => throw Mismatch(name, v, "an integer"),
    };

    public bool Bool(string name) => this[name] switch
    {
        bool b => b,
        var v => throw Mismatch(name, v, "BOOL"),
    };

    private InvalidCastException Mismatch(string name, object v, string wanted) =>
        new($"field '{name}' holds {v.GetType().Name} ({Recipe.Types[Recipe.IndexOf(name)].Name()}), not {wanted}.");
}
