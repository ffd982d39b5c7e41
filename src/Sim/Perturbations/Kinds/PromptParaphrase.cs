using Harness.Core.Randomness;
using Harness.Sim.Env;

namespace Harness.Sim.Perturbations.Kinds;

/// <summary>
/// prompt: the task text given to language-conditioned policies replaced by a paraphrase. The value
/// is an index: 0 the scene's prompt, k the k-th paraphrase, listed from the closest wording to the
/// furthest.
/// </summary>
public sealed record PromptParaphrase(IReadOnlyList<string> Paraphrases) : IPerturbation
{
    public string Kind => "prompt";
    public IReadOnlyList<string> DetailKeys => [];
    public StillMoment Still => StillMoment.None;

    public string Describe(double value, PerturbationRange range)
    {
        int k = (int)Math.Round(value);
        return k == 0 ? "the scene's prompt" : k <= Paraphrases.Count ? $"\"{Paraphrases[k - 1]}\"" : $"index {k}";
    }

    internal static IPerturbation? Parse(PerturbationContext c)
    {
        var list = c.Required(c.Section.Paraphrases, "paraphrases", "task texts, closest wording first");
        if (list is null) return null;
        if (list.Any(string.IsNullOrWhiteSpace)) { c.P("paraphrases", "a paraphrase is empty."); return null; }
        if (c.Section.Range is { Count: 2 } r && (r[0] < 0 || r[1] > list.Count))
        { c.P("range", $"values index the paraphrases (0 = the scene's prompt, 1..{list.Count}); found [{r[0]}, {r[1]}]."); return null; }
        return new PromptParaphrase(list);
    }

    public IBoundPerturbation Bind(MujocoEnv env, PerturbationRange range) => new Bound(this);

    private sealed class Bound(PromptParaphrase kind) : IBoundPerturbation
    {
        private int _index;
        public bool EditsModel => false;
        public IReadOnlyDictionary<string, double?> Details { get; } = new Dictionary<string, double?>();

        public void Begin(double value, SeededRandom draws) => _index = (int)Math.Round(value);

        public string TaskText(string nominal) => _index == 0 ? nominal : kind.Paraphrases[_index - 1];
    }
}
