using System.CommandLine;
using Harness.Cli.Composition;
using Harness.Cli.Output;
using Harness.Sim.Env;
using Harness.Sim.Scenes;
using Spectre.Console;

namespace Harness.Cli.Commands;

/// <summary>`harness scenes`: lists scenes with their robot, cameras, features and policies.</summary>
public static class ScenesCommand
{
    public static Command Create()
    {
        var cmd = new Command("scenes", "List the built-in scenes, their features and cameras.");
        cmd.SetAction(_ => CliErrors.Guard(() =>
        {
            foreach (var name in SceneCatalog.Names)
            {
                var def = SceneCatalog.Get(name);
                using var env = new MujocoEnv(def);
                var t = new Table().Border(TableBorder.Simple).Title($"[bold]{name}[/]: {Markup.Escape(def.Description)}");
                t.AddColumn("feature"); t.AddColumn("dtype"); t.AddColumn("shape"); t.AddColumn("names");
                foreach (var f in env.Spec.Features)
                    t.AddRow(Markup.Escape(f.Name) + (f.Privileged ? " [yellow](sim only)[/]" : ""), f.DType.ToString(),
                        Markup.Escape($"[{string.Join(", ", f.Shape)}]"), Markup.Escape(string.Join(", ", f.Names ?? [])));
                AnsiConsole.Write(t);
                AnsiConsole.MarkupLine($"task: \"{Markup.Escape(env.TaskText)}\"; control {def.ControlHz} Hz, {env.Substeps} substeps of {env.Model.Timestep * 1000:0.###} ms, step limit {env.Spec.MaxEpisodeSteps}");
                AnsiConsole.MarkupLine($"policies: {Markup.Escape(string.Join(", ", PolicyCatalog.Forms))}");
            }
            return 0;
        }));
        return cmd;
    }
}
