namespace Notebook.E2E;

/// <summary>
/// The official CycloneDX JavaScript library (@cyclonedx/cyclonedx-library, with ajv) validating a document against the
/// CycloneDX 1.5 JSON schema it bundles, in strict mode (no properties the schema does not define).
/// </summary>
public static class CycloneDxValidator
{
    public const string Package = "@cyclonedx/cyclonedx-library";
    public const string Version = "10.3.0";

    private const string Script = """
        const fs = require('fs');
        const { Validation, Spec } = require('@cyclonedx/cyclonedx-library');
        const text = fs.readFileSync(process.argv[2], 'utf8');
        new Validation.JsonStrictValidator(Spec.Version.v1dot5).validate(text).then(errors => {
          if (errors === null) { console.log('valid CycloneDX 1.5'); process.exit(0); }
          console.error(JSON.stringify(errors, null, 2)); process.exit(1);
        }, e => { console.error(String(e)); process.exit(2); });
        """;

    /// <summary>Exit code 0 and "valid CycloneDX 1.5" for a valid document; 1 and the schema errors otherwise.</summary>
    public static async Task<CommandResult> ValidateAsync(string file)
    {
        var prefix = await NpmTool.InstallAsync($"cyclonedx-library-{Version}",
            [$"{Package}@{Version}", "ajv@8.17.1", "ajv-formats@3.0.1", "ajv-formats-draft2019@1.6.1"],
            Path.Combine("node_modules", "ajv-formats-draft2019", "package.json")).ConfigureAwait(false);
        var script = Path.Combine(prefix, "validate-cyclonedx.js");
        if (!File.Exists(script) || File.ReadAllText(script) != Script) await File.WriteAllTextAsync(script, Script).ConfigureAwait(false);
        var node = Command.Require("node", "apt-get install nodejs");
        return await Command.RunAsync(node, [script, Path.GetFullPath(file)], TimeSpan.FromMinutes(1),
            new Dictionary<string, string?> { ["NODE_PATH"] = Path.Combine(prefix, "node_modules") }).ConfigureAwait(false);
    }
}
