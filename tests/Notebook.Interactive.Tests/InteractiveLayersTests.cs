using Notebook.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Notebook.Dependencies.NuGet;
using Notebook.Images;
using Notebook.Interactive;

namespace Notebook.Interactive.Tests;

/// <summary>The layer plans laid from the real runtime packs, app host pack and kernel tool of the machine's packages folder.</summary>
public sealed class InteractiveLayersTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("nbsdk-interactive-").FullName;

    private static string MachinePackages => Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private InteractiveImageRequest Request => new()
    {
        RuntimeIdentifier = "linux-x64",
        RuntimeVersion = "10.0.12",
        ToolVersion = "1.0.712001",
        OutputDirectory = _out,
    };

    [Fact]
    public void The_runtime_goes_where_an_app_host_looks_and_the_tool_keeps_only_this_platforms_native_files()
    {
        var plans = InteractiveLayers.Write(Request, new NuGetAssets(MachinePackages, []));

        plans.Select(Path.GetFileName).ShouldBe(["dotnet-runtime.layer.json", "dotnet-interactive.layer.json"]);
        var runtime = LayerPlan.Read(plans[0]);
        var paths = runtime.Entries.Select(e => e.PathInImage).ToHashSet();
        paths.ShouldContain("/usr/share/dotnet/host/fxr/10.0.12/libhostfxr.so");
        paths.ShouldContain("/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/libcoreclr.so");
        paths.ShouldContain("/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/System.Private.CoreLib.dll");
        paths.ShouldContain("/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/Microsoft.NETCore.App.deps.json");
        paths.ShouldContain("/usr/share/dotnet/shared/Microsoft.AspNetCore.App/10.0.12/Microsoft.AspNetCore.App.runtimeconfig.json");
        paths.ShouldNotContain("/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/libhostfxr.so");
        runtime.Entries.Single(e => e.PathInImage.EndsWith("/libcoreclr.so")).Executable.ShouldBeTrue();
        runtime.NuGetPackages.Select(p => p.Id).ShouldBe(["Microsoft.NETCore.App.Runtime.linux-x64", "Microsoft.AspNetCore.App.Runtime.linux-x64"]);
        runtime.NuGetPackages.ShouldAllBe(p => Convert.FromBase64String(p.Sha512Base64).Length == 64);

        var tool = LayerPlan.Read(plans[1]);
        var platforms = tool.Entries.Select(e => e.PathInImage).Where(p => p.StartsWith("/opt/notebook-sdk/dotnet-interactive/runtimes/"))
            .Select(p => p.Split('/')[5]).Distinct().Order().ToArray();
        platforms.ShouldBe(["linux", "linux-x64", "unix"]);
        tool.Entries.Select(e => e.PathInImage).ShouldContain("/opt/notebook-sdk/dotnet-interactive/Microsoft.DotNet.Interactive.App.dll");
        var launcher = tool.Entries.Single(e => e.PathInImage == "/opt/notebook-sdk/dotnet-interactive/dotnet-interactive");
        launcher.Executable.ShouldBeTrue();
        var bound = File.ReadAllBytes(launcher.SourceFile!);
        bound.AsSpan().IndexOf("Microsoft.DotNet.Interactive.App.dll\0"u8).ShouldBeGreaterThan(0);
        bound.AsSpan().IndexOf("c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2"u8).ShouldBe(-1);

        var spec = JsonNode.Parse(File.ReadAllText(tool.Entries.Single(e => e.PathInImage.EndsWith("/kernels/.net-csharp/kernel.json")).SourceFile!))!;
        spec["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(
            ["/opt/notebook-sdk/dotnet-interactive/dotnet-interactive", "jupyter", "--default-kernel", "csharp", "--http-local-only", "{connection_file}"]);
        spec["env"]!["DOTNET_gcServer"]!.GetValue<string>().ShouldBe("0");
        spec["env"]!["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"]!.GetValue<string>().ShouldBe("1");
        spec["env"]!["DOTNET_ROOT"]!.GetValue<string>().ShouldBe("/usr/share/dotnet");
        spec["env"]!["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"].ShouldBeNull();
    }

    [Fact]
    public void SatelliteResourceLanguages_keeps_only_those_cultures_of_the_kernel()
    {
        var all = LayerPlan.Read(InteractiveLayers.Write(Request, new NuGetAssets(MachinePackages, []))[1]).Entries.Select(e => e.PathInImage).ToArray();
        var english = LayerPlan.Read(InteractiveLayers.Write(Request with { SatelliteResourceLanguages = ["en", "DE"] }, new NuGetAssets(MachinePackages, []))[1])
            .Entries.Select(e => e.PathInImage).ToArray();

        string[] Cultures(string[] paths) => paths.Where(p => p.EndsWith(".resources.dll")).Select(p => p.Split('/')[4]).Distinct().Order().ToArray();
        Cultures(all).ShouldContain("ja");
        Cultures(english).ShouldBe(["de"]);
        english.Length.ShouldBe(all.Length - all.Count(p => p.EndsWith(".resources.dll") && p.Split('/')[4] != "de"));
    }

    [Fact]
    public async Task A_kernel_version_no_source_has_is_NB4180_with_NuGets_own_error()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_out, "feed")).FullName;
        var work = Directory.CreateDirectory(Path.Combine(_out, "work")).FullName;
        File.WriteAllText(Path.Combine(_out, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(_out, "packages")}" /></config>
              <packageSources><clear /><add key="empty" value="{feed}" /></packageSources>
            </configuration>
            """);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

        var error = await Should.ThrowAsync<NotebookSdkException>(() => new NuGetAssetResolver(work, dotnet, TimeSpan.FromMinutes(2))
            .ResolveAsync([], "linux-x64", [("Microsoft.dotnet-interactive", "0.0.1")], CancellationToken.None));

        error.Code.ShouldBe("NB4180");
        error.Message.ShouldContain("NU1101");
        error.Message.ShouldContain("Microsoft.dotnet-interactive 0.0.1");
    }

    [Fact]
    public void The_same_inputs_give_the_same_plans()
    {
        var first = InteractiveLayers.Write(Request, new NuGetAssets(MachinePackages, [])).Select(File.ReadAllText).ToArray();
        var second = InteractiveLayers.Write(Request, new NuGetAssets(MachinePackages, [])).Select(File.ReadAllText).ToArray();
        second.ShouldBe(first);
    }

    [Fact]
    public void An_app_host_without_the_placeholder_is_NB4184()
    {
        var file = Path.Combine(_out, "not-a-host");
        File.WriteAllBytes(file, Encoding.UTF8.GetBytes("#!/bin/sh\necho hi\n"));
        Should.Throw<NotebookSdkException>(() => AppHost.Bind(file, "app.dll")).Code.ShouldBe("NB4184");
    }

    [Fact]
    public void Another_platform_is_NB4186()
    {
        Should.Throw<NotebookSdkException>(() => InteractiveLayers.Write(Request with { RuntimeIdentifier = "win-x64" }, new NuGetAssets(MachinePackages, [])))
            .Code.ShouldBe("NB4186");
    }
}
