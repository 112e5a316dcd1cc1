using Notebook.Dependencies.NuGet;
using Notebook.Interactive;

namespace Notebook.Interactive.Tests;

public sealed class ResultCacheTests
{
    // Keys the real kernel (Microsoft.dotnet-interactive 1.0.712001) gave its cache files on 2026-12-01 for a cell with
    // Humanizer.Core, then a second cell adding Newtonsoft.Json (the second restore names both).
    [Fact]
    public void The_key_is_the_one_the_kernel_computes_for_a_restore()
    {
        ResultCache.Key([("Humanizer.Core", "2.14.1")], "linux-x64").ShouldBe("3f3bedf7132b040aa106e1aeb97ce04e1f2cd017751ef93fc6e4882fd768d079");
        ResultCache.Key([("Newtonsoft.Json", "13.0.3"), ("Humanizer.Core", "2.14.1")], "linux-x64").ShouldBe("e7faebfb8bc869b2aaa65395833b36e84f0642eb0c45422b8ee53ddd010ba370");
    }

    [Fact]
    public void A_later_cell_names_what_earlier_cells_resolved_and_lists_the_files_of_everything_asked_for_so_far()
    {
        var nugetLock = NuGetLock.Parse("""
            {"version":1,"dependencies":{"net10.0":{
              "Humanizer.Core":{"type":"Direct","requested":"[2.14.1, 2.14.1]","resolved":"2.14.1","contentHash":"aGVsbG8="},
              "Microsoft.Extensions.Logging.Abstractions":{"type":"Direct","requested":"[8.0.3, 8.0.3]","resolved":"8.0.3","contentHash":"aGVsbG8=",
                "dependencies":{"Microsoft.Extensions.DependencyInjection.Abstractions":"8.0.2"}},
              "Microsoft.Extensions.DependencyInjection.Abstractions":{"type":"Transitive","resolved":"8.0.2","contentHash":"aGVsbG8="}}}}
            """, "lock");
        NuGetAsset Asset(string id, string version, string path) => new(id, version, "runtime", path, "/machine/" + path);
        var assets = new[]
        {
            Asset("Humanizer.Core", "2.14.1", "lib/net6.0/Humanizer.dll"),
            Asset("Microsoft.Extensions.Logging.Abstractions", "8.0.3", "lib/net8.0/Microsoft.Extensions.Logging.Abstractions.dll"),
            Asset("Microsoft.Extensions.DependencyInjection.Abstractions", "8.0.2", "lib/net8.0/Microsoft.Extensions.DependencyInjection.Abstractions.dll"),
        };

        var entries = ResultCache.ForNotebook([[("Microsoft.Extensions.Logging.Abstractions", "8.0.3")], [("Humanizer.Core", "2.14.1")]], nugetLock, assets, "linux-x64");

        entries.Count.ShouldBe(2);
        entries[0].Key.ShouldBe(ResultCache.Key([("Microsoft.Extensions.Logging.Abstractions", "8.0.3")], "linux-x64"));
        // The transitive package is named by its lower-case folder, as the kernel takes it from the package root.
        entries[1].Key.ShouldBe(ResultCache.Key([("Humanizer.Core", "2.14.1"), ("Microsoft.Extensions.Logging.Abstractions", "8.0.3"),
            ("microsoft.extensions.dependencyinjection.abstractions", "8.0.2")], "linux-x64"));
        const string Root = "/opt/notebook-sdk/nuget/packages/";
        entries[0].ResolvedReferences.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe([
            $"Microsoft.Extensions.DependencyInjection.Abstractions,8.0.2,{Root}microsoft.extensions.dependencyinjection.abstractions/8.0.2/,{Root}microsoft.extensions.dependencyinjection.abstractions/8.0.2/lib/net8.0/Microsoft.Extensions.DependencyInjection.Abstractions.dll,runtime,False,,",
            $"Microsoft.Extensions.Logging.Abstractions,8.0.3,{Root}microsoft.extensions.logging.abstractions/8.0.3/,{Root}microsoft.extensions.logging.abstractions/8.0.3/lib/net8.0/Microsoft.Extensions.Logging.Abstractions.dll,runtime,False,,",
            $"Microsoft.Extensions.Logging.Abstractions,8.0.3,{Root}microsoft.extensions.logging.abstractions/8.0.3/,,package,,,",
        ]);
        entries[1].ResolvedReferences.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.EndsWith(",runtime,False,,")).ShouldBe(3);
        entries[1].Script.ShouldContain($"#r \"{Root}humanizer.core/2.14.1/lib/net6.0/Humanizer.dll\"\n");
    }
}
