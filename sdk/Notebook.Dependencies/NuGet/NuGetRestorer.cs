using System.ComponentModel;
using System.Diagnostics;
using System.Security;
using System.Text;

namespace Notebook.Dependencies.NuGet;

/// <summary>
/// Resolves the notebooks' <c>#r "nuget: ..."</c> packages with NuGet itself: a project of its own in
/// <see cref="WorkDirectory"/> (inside the notebook project, so the project's NuGet.config applies) references each
/// package at its exact version (<c>[1.2.3]</c>) with <c>RestorePackagesWithLockFile</c>, and <c>dotnet restore</c>
/// writes <c>packages.lock.json</c>, which becomes the notebooks' lock. The packages land in the NuGet global
/// packages folder, where the image build takes them from.
/// </summary>
public sealed class NuGetRestorer(string workDirectory, string dotnet, TimeSpan timeout)
{
    /// <summary>The target framework of the generated project: the .NET Interactive kernel's.</summary>
    public const string TargetFramework = "net10.0";

    public string WorkDirectory { get; } = workDirectory;

    /// <summary>Restores the directives and returns NuGet's lock text; throws NB3206 or NB3207.</summary>
    public async Task<string> RestoreAsync(IReadOnlyList<NuGetDirective> directives, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(WorkDirectory);
        // Empty files stop MSBuild's walk up to the notebook project's own Directory.*.props (central versions, ...).
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            AtomicWrite.WriteIfChanged(Path.Combine(WorkDirectory, name), "<Project />\n"u8);
        var project = Path.Combine(WorkDirectory, "notebook-packages.csproj");
        AtomicWrite.WriteIfChanged(project, Encoding.UTF8.GetBytes(ProjectXml(directives)));
        var lockPath = Path.Combine(WorkDirectory, "packages.lock.json");
        // NuGet keeps an existing lock's choices; the lock is re-resolved from the directives every time.
        File.Delete(lockPath);

        var (exitCode, output) = await RunAsync(["restore", project, "-nodeReuse:false", "--force-evaluate", "-p:RestoreLockedMode=false"], cancellationToken);
        var asked = string.Join(", ", directives.Select(d => $"{d.Id} {d.Version}"));
        if (exitCode != 0 || !File.Exists(lockPath))
            throw Messages.NB3206_NuGetRestoreFailed.Exception(asked, Errors(output));
        return await File.ReadAllTextAsync(lockPath, cancellationToken);
    }

    private static string ProjectXml(IReadOnlyList<NuGetDirective> directives)
    {
        var sb = new StringBuilder();
        sb.Append("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n");
        sb.Append("    <TargetFramework>").Append(TargetFramework).Append("</TargetFramework>\n");
        sb.Append("    <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>\n");
        sb.Append("    <DisableImplicitNuGetFallbackFolder>true</DisableImplicitNuGetFallbackFolder>\n");
        sb.Append("  </PropertyGroup>\n  <ItemGroup>\n");
        foreach (var d in directives.OrderBy(d => d.Id, StringComparer.OrdinalIgnoreCase))
            sb.Append("    <PackageReference Include=\"").Append(SecurityElement.Escape(d.Id)).Append("\" Version=\"[").Append(SecurityElement.Escape(d.Version)).Append("]\" />\n");
        sb.Append("  </ItemGroup>\n</Project>\n");
        return sb.ToString();
    }

    // NuGet's own error lines (NU1101 unknown package, NU1102 no such version, NU1301 unreachable source), not the whole log.
    internal static string Errors(string output)
    {
        var lines = output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains("error", StringComparison.Ordinal)).Distinct().Take(3).ToList();
        var text = lines.Count > 0 ? string.Join(" ", lines) : output.Trim();
        return text.Length > 600 ? text[..600] + "..." : text;
    }

    private async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(dotnet) { WorkingDirectory = WorkDirectory };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        return await BoundedProcess.RunAsync(psi, timeout,
            message => Messages.NB3206_NuGetRestoreFailed.Exception("(dotnet)", $"'{dotnet}' did not start: {message}"),
            () => Messages.NB3207_NuGetRestoreTimedOut.Exception((int)timeout.TotalSeconds),
            cancellationToken);
    }
}
