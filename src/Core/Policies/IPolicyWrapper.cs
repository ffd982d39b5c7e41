namespace Harness.Core.Policies;

/// <summary>
/// A policy that wraps another (e.g. the action adapter). Capabilities of the wrapped policy
/// (checkpoint identity, remote timings) are found through <see cref="PolicyChain.Find{T}"/>.
/// </summary>
public interface IPolicyWrapper
{
    IPolicy Inner { get; }
}

public static class PolicyChain
{
    /// <summary>The first policy in the chain of wrappers, outermost first, that is a <typeparamref name="T"/>.</summary>
    public static T? Find<T>(IPolicy policy) where T : class
    {
        for (IPolicy? p = policy; p is not null; p = (p as IPolicyWrapper)?.Inner)
            if (p is T t) return t;
        return null;
    }
}
