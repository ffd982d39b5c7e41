using Harness.Core.Tasks;
using Harness.Sim.Env;
using Harness.Sim.Native;
using Harness.Sim.Packages;
using Harness.Sim.Scenes;

namespace Harness.Sim.Tasks;

/// <summary>What a task type needs to bind a scene package's task section to a loaded model.</summary>
public sealed record TaskBindingContext(
    string File,
    TaskSection Task,
    IReadOnlyDictionary<string, object>? Expert,
    MjModel Model,
    IReadOnlyList<GripperDescription> Grippers,
    IReadOnlyList<JointElement> Elements,
    PackageNames Names,
    List<ScenePackageProblem> Problems);

/// <summary>A task bound to a package: its schema, how to build its monitor on a model, and its scripted experts.</summary>
public sealed record TaskBinding(TaskSchema Schema, Func<MjModel, ISceneTask> Create, Func<SceneDefinition, SceneExperts>? Experts);

/// <summary>
/// A task type implemented in code (pick-and-place, bimanual handover, ...), which scene packages
/// name in <c>task.type</c> and parameterise with their own bodies, goals and thresholds.
/// </summary>
public interface ISceneTaskType
{
    string Name { get; }

    TaskSchema Schema { get; }

    /// <summary>Checks the task section against the model; adds every problem found; null when it cannot bind.</summary>
    TaskBinding? Bind(TaskBindingContext context);
}
