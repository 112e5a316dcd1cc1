using Notebook.Diagnostics;

namespace Notebook.Runner.Containers;

/// <summary>The options of <c>nbrun kernel</c> (host and image sides) and <c>nbrun container</c>.</summary>
public sealed record ContainerCommandOptions
{
    public string? Image { get; init; }

    public string? ConnectionFile { get; init; }

    public bool ConnectionFromStdin { get; init; }

    /// <summary>"host" (the default) or a bridge network's name, whose ports are published on 127.0.0.1.</summary>
    public string Network { get; init; } = "host";

    /// <summary>The kernelspec inside the image (python3 when null).</summary>
    public string? Kernel { get; init; }

    /// <summary>Inside the image: the kernel listens on every address (its ports are published by a bridge network).</summary>
    public bool ListenAll { get; init; }

    /// <summary>The runner's path in the image when the image's entrypoint is something else.</summary>
    public string? Entrypoint { get; init; }

    public IReadOnlyList<string> Volumes { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary>"uid:gid" to run as; null: the host user's ids on Linux, the image's user elsewhere.</summary>
    public string? User { get; init; }

    /// <summary>Everything after '--': the runner's arguments inside the container.</summary>
    public IReadOnlyList<string> RunnerArguments { get; init; } = [];
}

/// <summary>Parses the container subcommands' arguments; NB5230 names what is wrong.</summary>
public static class ContainerCommandLine
{
    public static ContainerCommandOptions Parse(string command, IReadOnlyList<string> args)
    {
        var o = new ContainerCommandOptions();
        var volumes = new List<string>();
        var environment = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw Messages.NB5230_ContainerCommandUsage.Exception($"'{a}' needs a value");
            switch (a)
            {
                case "--":
                    o = o with { RunnerArguments = args.Skip(i + 1).ToArray() };
                    i = args.Count;
                    break;
                case "--image": o = o with { Image = Value() }; break;
                case "-f" or "--connection-file": o = o with { ConnectionFile = Value() }; break;
                case "--connection-from-stdin": o = o with { ConnectionFromStdin = true }; break;
                case "--network": o = o with { Network = Value() }; break;
                case "--kernel" or "-k": o = o with { Kernel = Value() }; break;
                case "--listen-all": o = o with { ListenAll = true }; break;
                case "--entrypoint": o = o with { Entrypoint = Value() }; break;
                case "--user": o = o with { User = Value() }; break;
                case "--volume" or "-v": volumes.Add(Value()); break;
                case "--env" or "-e":
                    var pair = Value();
                    var eq = pair.IndexOf('=');
                    if (eq <= 0) throw Messages.NB5230_ContainerCommandUsage.Exception($"'--env {pair}' is not NAME=VALUE");
                    environment.Add(new(pair[..eq], pair[(eq + 1)..]));
                    break;
                default:
                    throw Messages.NB5230_ContainerCommandUsage.Exception($"'nbrun {command}' does not take '{a}'");
            }
        }

        o = o with { Volumes = volumes, Environment = environment };
        if (string.IsNullOrWhiteSpace(o.Network)) throw Messages.NB5230_ContainerCommandUsage.Exception("'--network' is empty");
        if (command == "kernel")
        {
            if (o.ConnectionFromStdin == (o.Image is not null))
                throw Messages.NB5230_ContainerCommandUsage.Exception("'nbrun kernel' needs either '--image IMAGE -f CONNECTION_FILE' (host side) or '--connection-from-stdin' (inside the image)");
            if (o.Image is not null && o.ConnectionFile is null)
                throw Messages.NB5230_ContainerCommandUsage.Exception("'nbrun kernel --image' needs the connection file Jupyter wrote: '-f {connection_file}'");
        }
        else if (o.Image is null)
        {
            throw Messages.NB5230_ContainerCommandUsage.Exception("'nbrun container' needs '--image IMAGE'");
        }

        return o;
    }
}
