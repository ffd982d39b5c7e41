namespace Harness.Tests.Robots;

/// <summary>Waiting for the virtual bus's threads (control ticks, unanswered writes) without fixed sleeps.</summary>
internal static class Wait
{
    /// <summary>Generous: the shared test machine can stall threads for a long time.</summary>
    private const double Seconds = 10;

    public static void Until(Func<bool> condition, string what = "condition")
    {
        var deadline = DateTime.UtcNow.AddSeconds(Seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"{what} not reached within {Seconds} s");
            Thread.Sleep(5);
        }
    }

    /// <summary>Reads until the value satisfies <paramref name="expected"/>, then asserts it (the last value on timeout).</summary>
    public static void Eventually<T>(Func<T> read, NUnit.Framework.Constraints.IResolveConstraint expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(Seconds);
        while (true)
        {
            var value = read();
            if (expected.Resolve().ApplyTo(value).IsSuccess || DateTime.UtcNow > deadline)
            {
                Assert.That(value, expected);
                return;
            }
            Thread.Sleep(10);
        }
    }
}
