namespace Harness.Robots.UR.Rtde;

/// <summary>An RTDE protocol failure: a refused request, a malformed package, a missing reply.</summary>
public class RtdeException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The controller refused a recipe. <see cref="Problems"/> lists each field it would not accept with
/// the controller's word for it (NOT_FOUND, IN_USE).
/// </summary>
public sealed class RtdeRecipeException(string message, IReadOnlyList<(string Field, string Reason)> problems)
    : RtdeException(message)
{
    public IReadOnlyList<(string Field, string Reason)> Problems { get; } = problems;
}

/// <summary>The RTDE connection closed or failed; nothing more will arrive on it.</summary>
public sealed class RtdeConnectionLostException(string message, Exception? inner = null) : RtdeException(message, inner);
