using System.Diagnostics;
using Harness.Core.Episodes;
using Harness.Eval.Runs;
using Harness.Eval.Sweeps;
using Spectre.Console;

namespace Harness.Cli.Output;

/// <summary>
/// Progress of a sweep: an overall count with an ETA (from the episodes finished in this session)
/// and, per checkpoint, episodes done of its target and successes so far (resumed episodes
/// included). Redrawn bars in a terminal, plain lines otherwise.
/// </summary>
public sealed class SweepProgressView : ISweepProgress
{
    private sealed class Line(string name)
    {
        public string Name { get; } = name;
        public int Target, Done, Successes;
        public ProgressTask? Task;
        public int LastPrinted = -1;
    }

    private readonly object _gate = new();
    private readonly Dictionary<string, Line> _lines = new();
    private readonly List<string> _order = [];
    private readonly ProgressContext? _live;
    private readonly ProgressTask? _overall;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _sessionEpisodes;

    private SweepProgressView(ProgressContext? live)
    {
        _live = live;
        _overall = live?.AddTask("sweep", maxValue: 1);
    }

    /// <summary>Runs <paramref name="body"/> with a live display in a terminal, plain lines otherwise.</summary>
    public static T Show<T>(Func<ISweepProgress, T> body)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive) return body(new SweepProgressView(null));
        T result = default!;
        AnsiConsole.Progress().AutoClear(false).HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx => result = body(new SweepProgressView(ctx)));
        return result;
    }

    private Line Get(SweepCheckpoint c)
    {
        if (!_lines.TryGetValue(c.Name, out var l))
        {
            _lines[c.Name] = l = new Line(c.Name);
            _order.Add(c.Name);
            if (_live is not null) l.Task = _live.AddTask(Markup.Escape(c.Name), maxValue: 1);
        }
        return l;
    }

    public void Target(SweepCheckpoint checkpoint, int episodes)
    {
        lock (_gate)
        {
            Get(checkpoint).Target = episodes;
            Redraw(Get(checkpoint));
        }
    }

    public void Started(SweepCheckpoint checkpoint, RunSummary onDisk)
    {
        lock (_gate)
        {
            var l = Get(checkpoint);
            (l.Done, l.Successes) = (onDisk.Episodes, onDisk.Successes);
            if (_live is null && onDisk.Episodes > 0 && onDisk.Episodes < l.Target)
                Console.WriteLine($"{l.Name}: {onDisk.Episodes} episode(s) already on disk ({onDisk.Successes} successes), running up to {l.Target}");
            Redraw(l);
        }
    }

    public void Episode(SweepCheckpoint checkpoint, EpisodeRecord episode)
    {
        lock (_gate)
        {
            var l = Get(checkpoint);
            l.Done++;
            if (episode.Outcome.Success) l.Successes++;
            _sessionEpisodes++;
            Redraw(l);
        }
    }

    public void Finished(SweepCheckpoint checkpoint, RunSummary run)
    {
        lock (_gate)
        {
            var l = Get(checkpoint);
            (l.Done, l.Successes) = (run.Episodes, run.Successes);
            Redraw(l, final: true);
        }
    }

    public void Failed(SweepCheckpoint checkpoint, Exception error)
    {
        lock (_gate)
        {
            var l = Get(checkpoint);
            if (l.Task is not null) l.Task.Description = $"[red]{Markup.Escape(l.Name)}: failed[/]";
            Console.Error.WriteLine($"checkpoint {checkpoint.Name} failed: {error.Message}");
        }
    }

    public void Note(string line)
    {
        lock (_gate)
        {
            if (_live is not null) AnsiConsole.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
            else Console.WriteLine(line);
        }
    }

    private (int Done, int Target) Overall() => (_lines.Values.Sum(l => Math.Min(l.Done, l.Target)), _lines.Values.Sum(l => l.Target));

    private string Eta(int done, int target)
    {
        if (_sessionEpisodes == 0 || done >= target) return "";
        double perEpisode = _clock.Elapsed.TotalSeconds / _sessionEpisodes;
        return $", ETA {TimeSpan.FromSeconds(Math.Round(perEpisode * (target - done))):g}";
    }

    private void Redraw(Line l, bool final = false)
    {
        var (done, target) = Overall();
        if (_live is not null)
        {
            l.Task!.MaxValue = Math.Max(1, l.Target);
            l.Task.Value = Math.Min(l.Done, l.Target);
            l.Task.Description = $"{Markup.Escape(l.Name)}: {l.Done}/{l.Target} done, {l.Successes} successes";
            _overall!.MaxValue = Math.Max(1, target);
            _overall.Value = done;
            _overall.Description = $"[bold]sweep[/]: {done}/{target} episodes, {_lines.Count} checkpoints";
            return;
        }
        // Plain lines: one per checkpoint about every 10 % of its target, and when it finishes.
        int every = Math.Max(1, l.Target / 10);
        if (final || (l.Done > l.LastPrinted && (l.Done % every == 0 || l.Done == l.Target)))
        {
            if (l.LastPrinted == l.Done && final) return;
            l.LastPrinted = l.Done;
            Console.WriteLine($"[sweep {done}/{target}{Eta(done, target)}] {l.Name}: {l.Done}/{l.Target} done, {l.Successes} successes");
        }
    }
}
