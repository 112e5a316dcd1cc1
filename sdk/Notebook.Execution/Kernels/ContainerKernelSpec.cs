using System.Text.Json.Nodes;

namespace Notebook.Execution.Kernels;

/// <summary>What a container kernel's kernelspec says: the image, the host's runner that starts it, and where.</summary>
public sealed record ContainerKernelSpec
{
    /// <summary>The kernel's name: the project's, lower case, with "-container".</summary>
    public required string Name { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>The image by id (sha256:...), as the local engine knows it.</summary>
    public required string Image { get; init; }

    /// <summary>How the host starts its runner: for example [".../dotnet", "exec", ".../nbrun.dll"].</summary>
    public required IReadOnlyList<string> RunnerCommand { get; init; }

    /// <summary>"host", or a bridge network whose ports are published on 127.0.0.1.</summary>
    public string Network { get; init; } = "host";

    /// <summary>The runner's path in the image (its entrypoint).</summary>
    public string? RunnerPathInImage { get; init; }

    public string Language { get; init; } = "python";

    /// <summary>Where the engine is (DOCKER_HOST and friends, as set when the kernel was installed), so Jupyter finds the same one.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Written under <c>metadata.notebook_sdk</c> (the project, the image).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The variables that choose a Docker engine, as the docker CLI reads them.</summary>
    public static readonly IReadOnlyList<string> EngineVariables =
        ["DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "DOCKER_TLS_VERIFY", "DOCKER_TLS", "DOCKER_CERT_PATH", "DOCKER_API_VERSION"];

    /// <summary>kernel.json: argv runs <c>nbrun kernel --image IMAGE ... -f {connection_file}</c>; interrupts are signals, which the runner forwards.</summary>
    public JsonObject ToKernelJson()
    {
        var args = new List<string>(RunnerCommand) { "kernel", "--image", Image, "--network", Network };
        if (RunnerPathInImage is not null) args.AddRange(["--entrypoint", RunnerPathInImage]);
        args.AddRange(["-f", "{connection_file}"]);
        var argv = new JsonArray(args.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray());
        var env = new JsonObject();
        foreach (var (k, v) in Environment.OrderBy(e => e.Key, StringComparer.Ordinal)) env[k] = v;
        var metadata = new JsonObject();
        foreach (var (k, v) in Metadata.OrderBy(e => e.Key, StringComparer.Ordinal)) metadata[k] = v;
        metadata["image"] = Image;
        return new JsonObject
        {
            ["argv"] = argv,
            ["display_name"] = DisplayName,
            ["language"] = Language,
            ["interrupt_mode"] = "signal",
            ["env"] = env,
            ["metadata"] = new JsonObject { ["notebook_sdk"] = metadata },
        };
    }
}
