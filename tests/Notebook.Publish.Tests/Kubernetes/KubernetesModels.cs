using System.Text.Json.Nodes;
using Notebook.E2E;

namespace Notebook.Publish.Tests.Kubernetes;

/// <summary>
/// npm kubernetes-models: the Kubernetes OpenAPI schemas as ajv validators (types, required fields, formats such as
/// quantities), run offline with node. Installed once into the e2e cache with `npm install --prefix`; no npm, no test.
/// It lets unknown fields through: the strict KubernetesClient read catches those.
/// </summary>
public static class KubernetesModels
{
    public const string Package = "kubernetes-models";
    public const string Version = "5.1.0";

    private const string Script = """
        import { readFileSync } from "node:fs";
        import { Job, CronJob } from "kubernetes-models/batch/v1";
        const docs = JSON.parse(readFileSync(process.argv[2], "utf8"));
        let failed = 0;
        for (const doc of docs) {
          const kind = { Job, CronJob }[doc.kind];
          try {
            if (!kind) throw new Error(`unknown kind ${doc.kind}`);
            new kind(doc).validate();
          } catch (e) {
            failed++;
            console.log(`${doc.metadata?.name}: ${e.message}`);
          }
        }
        process.exit(failed ? 1 : 0);
        """;

    private static readonly SemaphoreSlim s_gate = new(1, 1);

    /// <summary>Validates each document (JSON of a Job or CronJob); the messages of those that fail, empty when all pass.</summary>
    public static async Task<string> ValidateAsync(IReadOnlyList<JsonNode> documents)
    {
        var prefix = await InstallAsync();
        var dir = Directory.CreateTempSubdirectory("nbk8s-models-").FullName;
        try
        {
            var input = Path.Combine(dir, "docs.json");
            await File.WriteAllTextAsync(input, new JsonArray([.. documents.Select(d => d.DeepClone())]).ToJsonString());
            var node = Command.Require("node", "apt-get install nodejs npm");
            var result = await Command.RunAsync(node, [Path.Combine(prefix, "validate.mjs"), input], TimeSpan.FromMinutes(1), workingDirectory: prefix);
            return result.ExitCode == 0 ? "" : $"kubernetes-models refused (exit {result.ExitCode}): {result.Output}";
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<string> InstallAsync()
    {
        await s_gate.WaitAsync();
        try
        {
            var prefix = Path.Combine(E2ECache.Directory, "npm", $"kubernetes-models-{Version}");
            var marker = Path.Combine(prefix, "node_modules", Package, "batch", "v1", "Job.js");
            if (!File.Exists(marker))
            {
                var npm = Command.Require("npm", "apt-get install npm (or Node.js with npm)");
                Directory.CreateDirectory(prefix);
                var install = await Command.RunAsync(npm, ["install", "--prefix", prefix, "--no-audit", "--no-fund", "--no-save", $"{Package}@{Version}"], TimeSpan.FromMinutes(5));
                if (install.ExitCode != 0 || !File.Exists(marker))
                    throw new InvalidOperationException($"npm could not install {Package}@{Version} into {prefix} (exit {install.ExitCode}):\n{install.Output}");
            }

            await File.WriteAllTextAsync(Path.Combine(prefix, "validate.mjs"), Script);
            return prefix;
        }
        finally
        {
            s_gate.Release();
        }
    }
}
