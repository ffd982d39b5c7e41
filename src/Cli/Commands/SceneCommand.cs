using System.CommandLine;
using Harness.Cli.Output;
using Harness.Sim.Packages;
using Harness.Sim.Native;
using Harness.Sim.Rendering;
using Spectre.Console;

namespace Harness.Cli.Commands;

/// <summary>`harness scene check DIR` and `harness scene export NAME DIR`: scene packages.</summary>
public static class SceneCommand
{
    public static Command Create()
    {
        var cmd = new Command("scene", "Scene packages: check a package folder, or export a built-in scene as a package to start from.");
        cmd.Subcommands.Add(Check());
        cmd.Subcommands.Add(Export());
        return cmd;
    }

    private static Command Check()
    {
        var dir = new Argument<string>("DIR") { Description = "The scene package folder (scene.yaml and its MJCF)." };
        var seeds = new Option<int>("--seeds") { Description = "Episodes the scripted expert must solve (0 to skip).", DefaultValueFactory = _ => 5 };
        var gl = CommonOptions.Gl();
        var cmd = new Command("check", "Validate a scene package: names, units, cameras, initial states, and that the scripted expert solves it.") { dir, seeds, gl };
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            var results = SceneCheck.Run(pr.GetValue(dir)!, CameraRenderer.Factory(GlBackends.Resolve(pr.GetValue(gl))), pr.GetValue(seeds),
                m => Console.Error.WriteLine($"[scene check] {m}"));
            foreach (var r in results)
            {
                AnsiConsole.MarkupLine($"{(r.Passed ? "[green]PASS[/]" : "[red]FAIL[/]")} {Markup.Escape(r.Check)}");
                foreach (var m in r.Messages) AnsiConsole.MarkupLine($"     {Markup.Escape(m)}");
            }
            bool ok = results.All(r => r.Passed);
            AnsiConsole.MarkupLine(ok ? "[green]the package is ready[/]" : "[red]the package has problems; fix them and run the check again[/]");
            return ok ? 0 : 1;
        }));
        return cmd;
    }

    private static Command Export()
    {
        var name = new Argument<string>("NAME") { Description = "A built-in scene (see `harness scenes`)." };
        var dir = new Argument<string>("DIR") { Description = "A new or empty folder." };
        var cmd = new Command("export", "Write a built-in scene as a package folder to start your own from.") { name, dir };
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            var files = ScenePackageExporter.Export(pr.GetValue(name)!, pr.GetValue(dir)!);
            AnsiConsole.MarkupLine($"wrote {files.Count} file(s) to [bold]{Markup.Escape(Path.GetFullPath(pr.GetValue(dir)!))}[/]; edit scene.yaml and the MJCF, then run `harness scene check` on it.");
            return 0;
        }));
        return cmd;
    }
}
