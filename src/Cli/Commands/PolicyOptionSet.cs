using System.CommandLine;
using Harness.Cli.Composition;
using Harness.Policies.Onnx;

namespace Harness.Cli.Commands;

/// <summary>The options that configure how a policy is built (ONNX device and key map, openpi layout, ...).</summary>
public sealed class PolicyOptionSet
{
    private readonly Option<string> _device = new("--device") { Description = "ONNX execution provider: cpu or cuda.", DefaultValueFactory = _ => "cpu" };
    private readonly Option<string[]> _map = new("--map") { Description = "Rename features the policy reads: POLICY_KEY=ENV_KEY (repeatable), e.g. top=overhead_cam.", AllowMultipleArgumentsPerToken = true };
    private readonly Option<bool> _force = new("--force") { Description = "Turn pre-flight check failures into warnings." };
    private readonly Option<string?> _layout = new("--layout") { Description = "openpi observation layout: lerobot (default), aloha, droid, libero, ur5e, or a mapping file." };
    private readonly Option<string?> _apiKey = new("--api-key") { Description = "openpi API key (sent as 'Authorization: Api-Key KEY')." };
    private readonly Option<string?> _actionSpace = new("--action-space")
    {
        Description = "How the policy's actions are read (default: what the policy declares, else joints): joints, delta, delta:all, step-delta, step-delta:all, ee:rpy, ee:rotvec.",
    };
    private readonly Option<string[]> _units = new("--unit")
    {
        Description = "A policy-side unit for a state/action element: ELEMENT=UNIT[,open=V][,scale=S] (repeatable), e.g. gripper.pos=0-1, shoulder_pan.pos=rad.",
        AllowMultipleArgumentsPerToken = true,
    };
    private readonly Option<string?> _cameras = new("--cameras") { Description = "Cameras to send to an openpi server with the lerobot layout (comma-separated)." };

    public static PolicyOptionSet Create() => new();

    /// <param name="openPiCameras">False where the command has its own --cameras (the real robot's).</param>
    public void AddTo(Command cmd, bool openPiCameras = true)
    {
        foreach (var o in new Option[] { _device, _map, _force, _layout, _apiKey, _actionSpace, _units }) cmd.Options.Add(o);
        if (openPiCameras) cmd.Options.Add(_cameras);
    }

    public PolicyOptions Read(ParseResult pr)
    {
        var map = pr.GetValue(_map) is { Length: > 0 } pairs ? OnnxPolicyOptions.ParseMap(pairs) : null;
        var cams = !pr.CommandResult.Command.Options.Contains(_cameras) ? null : pr.GetValue(_cameras)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new PolicyOptions(Force: pr.GetValue(_force), Device: pr.GetValue(_device), FeatureMap: map,
            ApiKey: pr.GetValue(_apiKey), Layout: pr.GetValue(_layout), Cameras: cams,
            ActionSpace: pr.GetValue(_actionSpace), Units: pr.GetValue(_units) is { Length: > 0 } u ? ActionAdapters.ParseUnits(u) : null);
    }
}
