using System.Globalization;

namespace Harness.Datasets.Inspection;

/// <summary>Parses "0,1" or "0-9,12" (as <see cref="IndexRanges"/> prints them) into episode indices.</summary>
public static class EpisodeList
{
    public static IReadOnlyList<int>? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var result = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-');
            if (ends.Length > 2 || !ends.All(e => int.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                throw new ArgumentException($"'{part}' is not an episode number or range; expected e.g. 0,1 or 0-9.");
            int a = int.Parse(ends[0], CultureInfo.InvariantCulture), b = int.Parse(ends[^1], CultureInfo.InvariantCulture);
            if (b < a) throw new ArgumentException($"episode range '{part}' ends before it starts.");
            result.AddRange(Enumerable.Range(a, b - a + 1));
        }
        return result;
    }
}
