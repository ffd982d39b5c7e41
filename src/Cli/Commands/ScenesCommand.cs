using System.CommandLine;
using Harness.Cli.Composition;
using Harness.Cli.Output;
using Harness.Sim.Env;
using Harness.Sim.Scenes;
using Spectre.Console;

namespace Harness.Cli.Commands;

/// <summary>`harness scenes`: each scene's robot (joints, cameras, features, action form), task (classes, metrics) and the policies.</summary>
public static class ScenesCommand
{
    public static Command Create()
    {
        var cmd = new Command("scenes", "List the scenes: joints with units, kinds and limits, cameras, features, the action representation, and the task's outcome classes and metrics.");
        cmd.SetAction(_ => CliErrors.Guard(() =>
        {
            foreach (var name in SceneCatalog.Names)
            {
                using var env = new MujocoEnv(SceneCatalog.Get(name));
                SceneSheet.Print(env);
                AnsiConsole.WriteLine();
            }
            AnsiConsole.MarkupLine($"policies: {Markup.Escape(string.Join(", ", PolicyCatalog.Forms))}");
            return 0;
        }));
        return cmd;
    }
}
