using System.Text.Json;

namespace Notebook.Dependencies;

/// <summary>
/// Resolves requirements for the target environment without installing anything: pip's dry run with a JSON
/// report (pip &gt;= 22.2). pip 23 wants --target with --platform/--python-version even for a dry run.
/// </summary>
public sealed class PipResolver(PipRunner pip)
{
    public async Task<IReadOnlyList<LockedPackage>> ResolveAsync(LockInputs inputs, string workDirectory, string lockPath, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workDirectory);
        var requirementsFile = Path.Combine(workDirectory, "requirements.merged.txt");
        var reportFile = Path.Combine(workDirectory, "pip-report.json");
        var target = Path.Combine(workDirectory, "dry-run-target");
        await File.WriteAllTextAsync(requirementsFile, inputs.RequirementsText, cancellationToken);
        if (File.Exists(reportFile)) File.Delete(reportFile);

        string[] args =
        [
            "install", "--dry-run", "--ignore-installed", "--report", reportFile, "--target", target,
            .. PipArguments.ForTarget(inputs.Target),
            "-r", requirementsFile,
        ];
        var result = await pip.RunAsync(args, cancellationToken);
        if (result.ExitCode != 0) throw PipErrors.Translate("install --dry-run", result, inputs.Target, lockPath);
        if (!File.Exists(reportFile)) throw Messages.NB3026_PipReportUnreadable.Exception(reportFile, "pip wrote no report");
        return ReadReport(await File.ReadAllBytesAsync(reportFile, cancellationToken), reportFile);
    }

    /// <summary>The packages of pip's installation report (<c>install[].metadata</c> and the archive's sha256).</summary>
    public static IReadOnlyList<LockedPackage> ReadReport(byte[] json, string reportFile)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var packages = new List<LockedPackage>();
            foreach (var item in doc.RootElement.GetProperty("install").EnumerateArray())
            {
                var metadata = item.GetProperty("metadata");
                var name = metadata.GetProperty("name").GetString()!;
                var version = metadata.GetProperty("version").GetString()!;
                var hashes = new List<string>();
                if (item.GetProperty("download_info").TryGetProperty("archive_info", out var archive))
                {
                    if (archive.TryGetProperty("hashes", out var all) && all.TryGetProperty("sha256", out var sha)) hashes.Add(sha.GetString()!);
                    else if (archive.TryGetProperty("hash", out var legacy) && legacy.GetString() is { } h && h.StartsWith("sha256=", StringComparison.Ordinal)) hashes.Add(h[7..]);
                }
                if (hashes.Count == 0)
                    throw Messages.NB3026_PipReportUnreadable.Exception(reportFile, $"'{name}' has no sha256 (a local folder or VCS requirement cannot be locked; use a released version)");
                packages.Add(new LockedPackage(name, version, hashes));
            }
            return packages;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw Messages.NB3026_PipReportUnreadable.Exception(reportFile, ex.Message);
        }
    }
}

/// <summary>The pip options every call shares: wheels only, for the image's platform and Python.</summary>
public static class PipArguments
{
    public static IEnumerable<string> ForTarget(TargetEnvironment target)
    {
        foreach (var tag in target.PlatformTags) { yield return "--platform"; yield return tag; }
        yield return "--python-version";
        yield return target.PythonVersion;
        yield return "--implementation";
        yield return "cp";
        yield return "--only-binary=:all:";
    }
}
