using Harness.Core.Robots;

namespace Harness.Policies.Remote;

/// <summary>Settings of an openpi client policy. Everything has a default; <c>new OpenPiOptions()</c> works.</summary>
public sealed record OpenPiOptions
{
    /// <summary><c>lerobot</c> (default), <c>aloha</c>, <c>droid</c>, <c>libero</c>, or a JSON mapping file.</summary>
    public string Layout { get; init; } = "lerobot";

    /// <summary>Sent as <c>Authorization: Api-Key &lt;key&gt;</c> when set.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Layout camera name -> robot camera name (presets and mapping files only).</summary>
    public IReadOnlyDictionary<string, string>? CameraMap { get; init; }

    /// <summary>Cameras the lerobot layout asks the environment to render; null = all of <see cref="Robot"/>'s.</summary>
    public IReadOnlyList<string>? Cameras { get; init; }

    /// <summary>The robot the policy will drive, when known at construction (gives the lerobot layout its cameras).</summary>
    public RobotSpec? Robot { get; init; }

    /// <summary>Actions of each chunk to execute before re-querying (openpi examples use 5-25); null = whole chunk.</summary>
    public int? ActionsPerQuery { get; init; }

    /// <summary>Pre-flight failures are reported (and recorded) instead of refusing the run (--force).</summary>
    public bool Force { get; init; }

    /// <summary>How long the first connection waits for a server that refuses or is still starting.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait for one answer (the first call of a JAX server compiles and may be slow).</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>How long a call after a dropped connection keeps trying to reconnect (with back-off).</summary>
    public TimeSpan ReconnectTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
