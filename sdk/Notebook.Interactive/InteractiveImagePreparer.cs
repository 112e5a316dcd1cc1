using Notebook.Dependencies.NuGet;
using Notebook.Documents;

namespace Notebook.Interactive;

/// <summary>
/// Before a publish: when the project has notebooks for the .NET Interactive kernel, asks NuGet for the files of the
/// runtime, the kernel and the locked packages on the image's platform (<see cref="NuGetAssetResolver"/>) and writes
/// the layer plans (<see cref="InteractiveLayers"/>). Returns no plan for a project of Python notebooks only.
/// </summary>
public static class InteractiveImagePreparer
{
    public static async Task<IReadOnlyList<string>> PrepareAsync(IEnumerable<string> notebookPaths, string lockPath, string? runtimeIdentifier,
        string? runtimeIdentifiers, InteractiveImageRequest settings, NuGetAssetResolver resolver, CancellationToken cancellationToken)
    {
        var notebooks = new List<NotebookDocument>();
        foreach (var path in notebookPaths)
        {
            try
            {
                var document = NotebookReader.Read(path);
                if (NuGetDirectiveScanner.UsesDotnetInteractive(document)) notebooks.Add(document);
            }
            catch (NotebookSdkException)
            {
                // The build reports an unreadable notebook with its code and line.
            }
        }
        if (notebooks.Count == 0) return [];

        // ContainerRuntimeIdentifier wins, as in the .NET SDK; several identifiers are refused when the image is assembled (NB4182).
        var rid = !string.IsNullOrWhiteSpace(runtimeIdentifier) ? runtimeIdentifier.Trim()
            : (runtimeIdentifiers ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "linux-x64";
        var request = settings with
        {
            RuntimeIdentifier = rid,
            Notebooks = notebooks,
            Lock = File.Exists(lockPath) ? NuGetLock.Load(lockPath) : null,
        };
        if (rid is not ("linux-x64" or "linux-arm64")) throw Messages.NB4186_UnsupportedKernelPlatform.Exception(rid);
        var assets = await resolver.ResolveAsync(request.Lock?.Packages ?? [], rid, request.Downloads, cancellationToken).ConfigureAwait(false);
        return InteractiveLayers.Write(request, assets);
    }
}
