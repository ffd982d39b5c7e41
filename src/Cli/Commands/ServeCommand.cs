using System.CommandLine;
using Harness.Cli.Composition;
using Harness.Cli.Output;
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

        var cmd = new Command("serve", "Serve a policy over the openpi WebSocket protocol (one policy instance per connection).")
        {
            policy, scene, host, port, layout,
        };
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            string spec = pr.GetValue(policy)!;
            var entry = SceneEntry.Resolve(pr.GetValue(scene)!);
            // Build one policy now so a bad spec fails before the port opens.
            PolicyCatalog.Create(spec, entry).Dispose();
            var options = new PolicyServerOptions
            {
                Host = pr.GetValue(host)!,
                Port = pr.GetValue(port),
                Layout = ObservationLayouts.Resolve(pr.GetValue(layout)!),
                Log = line => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}"),
            };
            using var stop = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                var server = new PolicyServer(() => PolicyCatalog.Create(spec, entry), options);
                server.Start();
                Console.WriteLine($"serving {spec} ({entry.Name}) on ws://{options.Host}:{server.Port} with layout {server.Layout.Name}; " +
                                  $"health: http://{options.Host}:{server.Port}/healthz. Ctrl+C stops.");
                stop.Token.WaitHandle.WaitOne();
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
                Console.WriteLine("server stopped.");
                return 0;
            }
            finally { Console.CancelKeyPress -= onCancel; }
        }));
        return cmd;
    }
}
