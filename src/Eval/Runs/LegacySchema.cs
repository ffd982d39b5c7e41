using Harness.Core.Tasks;

namespace Harness.Eval.Runs;

/// <summary>
/// run.json files of format 1 carried no task schema: reports still read them, with the classes
/// taken from the run's outcome counts (definitions marked as not recorded) and no declared metrics.
/// </summary>
internal static class LegacySchema
{
    private const string NotRecorded = "(definition not recorded: run.json format 1)";

    public static TaskSchema For(RunSummary s)
    {
        var labels = s.Outcomes.Keys.Where(OutcomeClass.IsValidLabel).ToList();
        var classes = new List<OutcomeClass> { OutcomeClass.Success(NotRecorded) };
        int p = 1;
        foreach (var l in labels.Where(l => l is not OutcomeClass.SuccessLabel and not OutcomeClass.ErrorLabel))
            classes.Add(new OutcomeClass(l, NotRecorded, p++));
        return new TaskSchema(string.IsNullOrEmpty(s.Task) ? "unknown" : s.Task, NotRecorded, classes, []);
    }
}
