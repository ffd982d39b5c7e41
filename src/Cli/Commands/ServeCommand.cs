using System.CommandLine;
using Harness.Cli.Composition;
using Harness.Cli.Output;
using Harness.Core.Policies;
using Harness.Policies.Remote;
using Harness.Policies.Remote.Layouts;
using Harness.Policies.Remote.Server;

namespace Harness.Cli.Commands;

/// <summary>`harness serve`: any policy behind the openpi WebSocket protocol, until Ctrl+C.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var policy = CommonOptions.Policy();
        var scene = CommonOptions.Scene(required: false);
        var host = new Option<string>("--host") { Description = "Address to bind; 0.0.0.0 exposes the unauthenticated server to the network.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "TCP port (openpi's default is 8000).", DefaultValueFactory = _ => OpenPiPolicy.DefaultPort };
        var layout = new Option<string>("--layout")
        {
            Description = "How requests are spelled: lerobot (our feature names, lossless), aloha, droid, libero, or a JSON mapping file.",
            DefaultValueFactory = _ => "lerobot",
        };

        var force = new Option<bool>("--force") { Description = "Serve even when pre-flight checks fail (the failures are printed)." };

        var cmd = new Command("serve", "Serve a policy over the openpi WebSocket protocol (one policy instance per connection).")
        {
            policy, scene, host, port, layout, force,
        };
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            using var stop = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                return Serve(pr.GetValue(policy)!, pr.GetValue(scene)!, pr.GetValue(host)!, pr.GetValue(port), pr.GetValue(layout)!, stop.Token, force: pr.GetValue(force));
            }
            finally { Console.CancelKeyPress -= onCancel; }
        }));
        return cmd;
    }

    /// <summary>Serves until <paramref name="stop"/> fires; <paramref name="started"/> sees the running server.</summary>
    public static int Serve(string spec, string sceneName, string host, int port, string layout, CancellationToken stop,
        Action<PolicyServer>? started = null, bool force = false)
    {
        var entry = SceneEntry.Resolve(sceneName);
        PolicyCatalog.Validate(spec, entry);
        var resolvedLayout = ObservationLayouts.Resolve(layout);
        var policyOptions = new PolicyOptions(Force: force);
        // Build one policy now and run pre-flight on the scene's own observations, so a bad spec or a
        // broken package fails before the port opens.
        Dictionary<string, object?> metadata;
        using (var probe = PolicyCatalog.Create(spec, entry, policyOptions))
        {
            using var env = EnvFactory.Create(entry, new ImageOptions());
            env.RequestCameras(probe.Inputs.Cameras.ToArray());
            var context = PreflightContext.Collect(env, 0, env.TaskText);
            var report = probe.Preflight(context);
            report = report with { Results = [.. report.Results, ServedHistoryCheck.Run(probe, context, resolvedLayout.SendsEpisodeStart)] };
            PreflightNotices.Print(report.ThrowIfRefused());
            metadata = ServedMetadata.For(probe, spec, env.Spec);
        }
        var options = new PolicyServerOptions
        {
            Metadata = metadata,
            Host = host,
            Port = port,
            Layout = resolvedLayout,
            Log = line => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}"),
        };
        var server = new PolicyServer(() => PolicyCatalog.Create(spec, entry, policyOptions), options);
        server.Start();
        try
        {
            Console.WriteLine($"serving {spec} ({entry.Name}) on ws://{host}:{server.Port} with layout {server.Layout.Name}; " +
                              $"health: http://{host}:{server.Port}/healthz. Ctrl+C stops.");
            started?.Invoke(server);
            stop.WaitHandle.WaitOne();
        }
        finally { server.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
        Console.WriteLine("server stopped.");
        return 0;
    }
}
