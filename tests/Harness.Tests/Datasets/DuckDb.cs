using DuckDB.NET.Data;

namespace Harness.Tests.Datasets;

/// <summary>DuckDB as an independent parquet reader: what our files hold, seen by a reader we did not write.</summary>
public static class DuckDb
{
    public static List<object?[]> Query(string sql)
    {
        using var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (r.Read())
        {
            var row = new object?[r.FieldCount];
            for (int i = 0; i < row.Length; i++) row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public static object? Scalar(string sql) => Query(sql)[0][0];

    /// <summary>Column name -> DuckDB type (e.g. FLOAT[], BIGINT, VARCHAR) of a parquet file.</summary>
    public static Dictionary<string, string> Schema(string path) =>
        Query($"DESCRIBE SELECT * FROM read_parquet('{path}')").ToDictionary(r => (string)r[0]!, r => (string)r[1]!);

    public static Dictionary<string, string> KeyValueMetadata(string path) =>
        Query($"SELECT decode(key), decode(value) FROM parquet_kv_metadata('{path}')").ToDictionary(r => (string)r[0]!, r => (string)r[1]!);

    public static List<string> Compressions(string path) =>
        Query($"SELECT DISTINCT compression FROM parquet_metadata('{path}')").Select(r => (string)r[0]!).ToList();

    public static string Q(string column) => "\"" + column + "\"";
}
