namespace Harness.Robots.Operators;

/// <summary>
/// The person at the arm. <see cref="Perform"/> returns once the operator says the request is
/// done; meanwhile <c>whileWaiting</c>, if given, is called again and again (it should pace itself),
/// e.g. to record joint positions while the operator moves them.
/// </summary>
public interface IOperator
{
    void Perform(OperatorRequest request, Action? whileWaiting = null);
}

/// <summary>The operator could not (or would not) do what was asked; the message says why.</summary>
public sealed class OperatorException(string message, Exception? inner = null) : Exception(message, inner);
