using Harness.Core.Policies;
using Harness.Policies.Remote.Layouts;
using Harness.Policies.Remote.Msgpack;

namespace Harness.Policies.Remote;

/// <summary>
/// The openpi answer to one observation: <c>actions</c> [H, D], <c>policy_timing.infer_ms</c> and
/// <c>server_timing.{infer_ms, prev_total_ms}</c> (prev_total_ms absent on a connection's first request).
/// </summary>
public sealed record ActionResponse(ActionChunk Chunk, double? PolicyInferMs, double? ServerInferMs, double? ServerPrevTotalMs)
{
    public IReadOnlyDictionary<string, object?> ToMessage()
    {
        int h = Chunk.Length, d = Chunk.Dim;
        var flat = new double[h * d];
        for (int t = 0; t < h; t++) Chunk[t].CopyTo(flat, t * d);
        var server = new Dictionary<string, object?>();
        if (ServerInferMs is { } infer) server["infer_ms"] = infer;
        if (ServerPrevTotalMs is { } prev) server["prev_total_ms"] = prev;
        var message = new Dictionary<string, object?> { ["actions"] = NdArray.FromDoubles(flat, h, d) };
        if (PolicyInferMs is { } policy) message["policy_timing"] = new Dictionary<string, object?> { ["infer_ms"] = policy };
        message["server_timing"] = server;
        return message;
    }

    public static ActionResponse Parse(ReadOnlySpan<byte> message)
    {
        object? tree;
        try { tree = MsgpackNumpy.Unpack(message); }
        catch (MsgpackFormatException ex) { throw new OpenPiProtocolException($"malformed response: {ex.Message}", ex); }
        if (tree is not MsgpackMap map)
            throw new OpenPiProtocolException($"response must be a msgpack map with 'actions'; found {MsgpackNumpy.Describe(tree)}.");
        if (!map.TryGet("actions", out var value))
            throw new OpenPiProtocolException(
                $"response has no 'actions'; it has keys {(map.Count == 0 ? "(none)" : string.Join(", ", map.KeyNames))}. Is this an openpi policy server?");
        var actions = RequestFields.Array(value, "actions");
        if (actions.Rank != 2 || actions.Shape[0] < 1 || actions.Shape[1] < 1)
            throw new OpenPiProtocolException($"'actions' must have shape [H, D] with H, D >= 1; found {actions.ShapeText}.");
        if (actions.DType.Kind == 'b')
            throw new OpenPiProtocolException($"'actions' must be numeric; found dtype {actions.DType}.");
        var values = actions.ToDoubles();
        int h = actions.Shape[0], d = actions.Shape[1];
        var rows = new double[h][];
        for (int t = 0; t < h; t++) rows[t] = values.AsSpan(t * d, d).ToArray();
        var policy = Timing(map, "policy_timing");
        var server = Timing(map, "server_timing");
        return new ActionResponse(new ActionChunk(rows),
            policy is null ? null : RequestFields.OptionalNumber(policy, "infer_ms"),
            server is null ? null : RequestFields.OptionalNumber(server, "infer_ms"),
            server is null ? null : RequestFields.OptionalNumber(server, "prev_total_ms"));
    }

    private static MsgpackMap? Timing(MsgpackMap map, string key) =>
        !map.TryGet(key, out var v) || v is null ? null
        : v as MsgpackMap ?? throw new OpenPiProtocolException($"'{key}' must be a map such as {{infer_ms: 12.5}}; found {MsgpackNumpy.Describe(v)}.");
}
