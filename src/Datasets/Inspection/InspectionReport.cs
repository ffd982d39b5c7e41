using System.Text.Json.Nodes;
using Harness.Datasets.Format;

namespace Harness.Datasets.Inspection;

/// <summary>What <c>harness dataset inspect</c> reports: the dataset's description and every inconsistency found.</summary>
public sealed record InspectionReport(
    string Root,
    DatasetInfo Info,
    IReadOnlyList<DatasetTask> Tasks,
    IReadOnlyList<EpisodeCheck> Episodes,
    IReadOnlyList<DatasetIssue> Issues)
{
    public int EpisodesWithData => Episodes.Count(e => e.FramesFound is not null);

    public JsonObject ToJson() => new()
    {
        ["root"] = Root,
        ["codebase_version"] = Info.CodebaseVersion,
        ["robot_type"] = Info.RobotType,
        ["fps"] = Info.Fps,
        ["total_episodes"] = Info.TotalEpisodes,
        ["total_frames"] = Info.TotalFrames,
        ["episodes_listed"] = Episodes.Count,
        ["episodes_with_data"] = EpisodesWithData,
        ["features"] = new JsonArray(Info.Features.Select(f => (JsonNode)new JsonObject
        {
            ["name"] = f.Name,
            ["dtype"] = f.DType,
            ["shape"] = new JsonArray(f.Shape.Select(s => (JsonNode)s).ToArray()),
            ["names"] = f.Names is null ? null : JsonNode.Parse(f.Names.Json),
        }).ToArray()),
        ["tasks"] = new JsonArray(Tasks.Select(t => (JsonNode)new JsonObject { ["task_index"] = t.Index, ["task"] = t.Text }).ToArray()),
        ["episodes"] = new JsonArray(Episodes.Select(e => (JsonNode)new JsonObject
        {
            ["episode_index"] = e.Index,
            ["length"] = e.Length,
            ["frames_found"] = e.FramesFound,
            ["data_file"] = e.DataFile,
        }).ToArray()),
        ["issues"] = new JsonArray(Issues.Select(i => (JsonNode)new JsonObject { ["file"] = i.File, ["message"] = i.Message }).ToArray()),
    };
}

/// <summary>One episode: its length per the metadata and the rows actually found (null: no readable data).</summary>
public sealed record EpisodeCheck(int Index, int Length, int? FramesFound, string DataFile);
