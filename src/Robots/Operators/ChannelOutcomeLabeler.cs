using System.Text.Json;
using Harness.Core.Tasks;

namespace Harness.Robots.Operators;

/// <summary>
/// Labels episodes by asking a virtual rig whose physics watches the task (<c>sim-bus --auto-label
/// sim</c>): <c>LABEL STEPS 0|1</c>, answered with the task monitor's outcome as JSON
/// (<see cref="LabelReply"/>). The label must be one of the schema's classes.
/// </summary>
public sealed class ChannelOutcomeLabeler(OperatorChannelClient channel) : IOutcomeLabeler
{
    public TaskOutcome Label(TaskSchema schema, EpisodeEnd end, int seed)
    {
        var reply = LabelReply.Parse(channel.Ask(OperatorChannel.LabelLine(end)));
        if (!schema.Labels.Contains(reply.Label))
            throw new OperatorException(
                $"the rig labelled the episode '{reply.Label}', which is not a class of task '{schema.Name}' ({string.Join(", ", schema.Labels)}); " +
                "the rig and the evaluation use different scenes: start sim-bus with the same --scene.");
        return new TaskOutcome(reply.Label, reply.Metrics, reply.Detail);
    }
}

/// <summary>The rig's answer to LABEL: the task monitor's outcome, one JSON object on the reply line.</summary>
public sealed record LabelReply(string Label, IReadOnlyDictionary<string, double> Metrics, string? Detail)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public string ToLine() => JsonSerializer.Serialize(new Wire(Label, Metrics.ToDictionary(), Detail), Json);

    public static LabelReply Parse(string text)
    {
        try
        {
            var w = JsonSerializer.Deserialize<Wire>(text, Json) ?? throw new JsonException("empty reply");
            if (string.IsNullOrEmpty(w.Label)) throw new JsonException("no label");
            return new LabelReply(w.Label, w.Metrics ?? new Dictionary<string, double>(), w.Detail);
        }
        catch (JsonException e)
        {
            throw new OperatorException($"the rig's LABEL reply is not an outcome ({e.Message}): '{text}'. Is the rig a harness sim-bus of this version?", e);
        }
    }

    private sealed record Wire(string Label, Dictionary<string, double>? Metrics, string? Detail);
}
