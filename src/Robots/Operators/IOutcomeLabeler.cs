using Harness.Core.Tasks;

namespace Harness.Robots.Operators;

/// <summary>Says how a real episode ended, in the classes of the task's schema (on hardware, a person does).</summary>
public interface IOutcomeLabeler
{
    TaskOutcome Label(TaskSchema schema, EpisodeEnd end, int seed);
}

/// <summary>
/// A person at the console labels each episode by pressing the key of its outcome class
/// (the keys come from the task's schema), then ENTER.
/// </summary>
public sealed class ConsoleOutcomeLabeler(TextReader input, TextWriter output) : IOutcomeLabeler
{
    public TaskOutcome Label(TaskSchema schema, EpisodeEnd end, int seed)
    {
        var keyed = schema.Classes.Where(c => c.OperatorKey is not null).ToArray();
        if (keyed.Length == 0)
            throw new OperatorException($"task '{schema.Name}' defines no operator keys for its outcome classes; it cannot be labelled by hand.");
        output.WriteLine($"Episode (seed {seed}) ended after {end.Steps} steps{(end.ReachedStepLimit ? " (step limit)" : "")}. How did it end?");
        foreach (var c in keyed) output.WriteLine($"  [{c.OperatorKey}] {c.Label}: {c.Definition}");
        while (true)
        {
            output.Write("key + ENTER: ");
            output.Flush();
            string? line = input.ReadLine();
            if (line is null) throw new OperatorException("standard input closed while waiting for the episode's outcome label.");
            if (line.Trim().Length == 1 && schema.ByKey(line.Trim()[0]) is { } chosen)
                return new TaskOutcome(chosen.Label, new Dictionary<string, double>(), "labelled by the operator");
            output.WriteLine($"'{line.Trim()}' is not one of {string.Join(", ", keyed.Select(c => c.OperatorKey))}.");
        }
    }
}
