namespace Harness.Sim.Packages;

/// <summary>One problem with a scene package: the file, the key (a path such as robot.joints[2].joint) and what is wrong.</summary>
public sealed record ScenePackageProblem(string File, string Key, string Message)
{
    public override string ToString() => Key.Length == 0 ? $"{File}: {Message}" : $"{File}: {Key}: {Message}";
}

/// <summary>A scene package that cannot be used; the message lists every problem found.</summary>
public sealed class ScenePackageException(IReadOnlyList<ScenePackageProblem> problems)
    : Exception(problems.Count == 1
        ? $"scene package problem: {problems[0]}"
        : $"{problems.Count} scene package problems:\n  " + string.Join("\n  ", problems))
{
    public IReadOnlyList<ScenePackageProblem> Problems { get; } = problems;
}
