namespace Harness.Robots.UR.Rtde;

/// <summary>RTDE field types as the controller names them in setup replies.</summary>
public enum RtdeType
{
    Bool,
    Uint8,
    Int32,
    Uint32,
    Uint64,
    Double,
    Vector3D,
    Vector6D,
    Vector6Int32,
    Vector6Uint32,
}

public static class RtdeTypes
{
    /// <summary>Reply words that name no type: the field does not exist, or another client owns that input.</summary>
    public const string NotFound = "NOT_FOUND";
    public const string InUse = "IN_USE";

    private static readonly (RtdeType Type, string Name, int Size)[] Table =
    [
        (RtdeType.Bool, "BOOL", 1),
        (RtdeType.Uint8, "UINT8", 1),
        (RtdeType.Int32, "INT32", 4),
        (RtdeType.Uint32, "UINT32", 4),
        (RtdeType.Uint64, "UINT64", 8),
        (RtdeType.Double, "DOUBLE", 8),
        (RtdeType.Vector3D, "VECTOR3D", 24),
        (RtdeType.Vector6D, "VECTOR6D", 48),
        (RtdeType.Vector6Int32, "VECTOR6INT32", 24),
        (RtdeType.Vector6Uint32, "VECTOR6UINT32", 24),
    ];

    public static string Name(this RtdeType t) => Table[(int)t].Name;

    /// <summary>Bytes on the wire.</summary>
    public static int Size(this RtdeType t) => Table[(int)t].Size;

    public static bool TryParse(string name, out RtdeType type)
    {
        foreach (var e in Table)
            if (e.Name == name) { type = e.Type; return true; }
        type = default;
        return false;
    }
}
