using System.Text.Json.Nodes;
using Harness.Datasets.Format;
using Harness.Datasets.Parquet;

namespace Harness.Datasets.Writing;

/// <summary>
/// meta/tasks.parquet as pandas writes LeRobot's tasks frame: column task_index, and the task text as
/// the frame's index, stored in column <c>__index_level_0__</c> with the "pandas" metadata that tells
/// pandas to restore it as the index (LeRobot then names the index "task").
/// </summary>
internal static class TasksParquet
{
    public const string IndexColumn = "__index_level_0__";

    public static void Write(string path, IReadOnlyList<DatasetTask> tasks)
    {
        var columns = new ColumnValues[]
        {
            new Int64Values(DefaultFeatures.TaskIndex, tasks.Select(t => (long)t.Index).ToArray()),
            new StringValues(IndexColumn, tasks.Select(t => (string?)t.Text).ToArray()),
        };
        var pandas = new JsonObject
        {
            ["index_columns"] = new JsonArray(IndexColumn),
            ["column_indexes"] = new JsonArray(new JsonObject
            {
                ["name"] = null, ["field_name"] = null, ["pandas_type"] = "unicode", ["numpy_type"] = "object",
                ["metadata"] = new JsonObject { ["encoding"] = "UTF-8" },
            }),
            ["columns"] = new JsonArray(
                new JsonObject { ["name"] = DefaultFeatures.TaskIndex, ["field_name"] = DefaultFeatures.TaskIndex, ["pandas_type"] = "int64", ["numpy_type"] = "int64", ["metadata"] = null },
                new JsonObject { ["name"] = null, ["field_name"] = IndexColumn, ["pandas_type"] = "unicode", ["numpy_type"] = "object", ["metadata"] = null }),
            ["creator"] = new JsonObject { ["library"] = "harness", ["version"] = "1" },
            ["pandas_version"] = "2.2.3",
        };
        ParquetTableWriter.Write(path, columns, new Dictionary<string, string> { ["pandas"] = pandas.ToJsonString() });
    }
}
