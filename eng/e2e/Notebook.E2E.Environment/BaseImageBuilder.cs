using System.Text.Json.Nodes;
using Notebook.Images;

namespace Notebook.E2E;

/// <summary>
/// Makes the base layer: `debootstrap --variant=minbase SUITE ROOT MIRROR`, then with /proc mounted
/// `chroot ROOT apt-get install --no-install-recommends PACKAGES`, apt lists, caches, docs and logs removed,
/// and the tree written as one layer by <see cref="RootfsLayerBuilder"/>. The layer is cached under
/// <c>CACHE/base-KEY/</c>; a second run only reads it. Needs root (debootstrap, chroot, mount).
/// </summary>
public sealed class BaseImageBuilder(BaseImageRecipe recipe, string cacheDirectory, Action<string>? log = null)
{
    private const string InstallHint = "apt-get install debootstrap";

    public string EntryDirectory => Path.Combine(cacheDirectory, "base-" + recipe.Key);

    /// <summary>The cached layer, built first when missing. Concurrent callers wait on a lock file (up to 10 minutes).</summary>
    public async Task<Layer> GetOrBuildAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(cacheDirectory);
        await using var lockFile = await AcquireLockAsync(Path.Combine(cacheDirectory, $"base-{recipe.Key}.lock"), cancellationToken).ConfigureAwait(false);
        if (TryRead() is { } cached)
        {
            log?.Invoke($"Base layer from cache: {EntryDirectory} ({cached.Digest}).");
            return cached;
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var work = Path.Combine(cacheDirectory, $".work-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var root = Path.Combine(work, "rootfs");
            await BootstrapAsync(root, cancellationToken).ConfigureAwait(false);
            Clean(root);
            var layer = await RootfsLayerBuilder.BuildAsync(root, "rootfs", Path.Combine(work, "layer"), cancellationToken: cancellationToken).ConfigureAwait(false);
            var entry = Path.Combine(work, "entry");
            Directory.CreateDirectory(entry);
            File.Move(layer.Blob.FilePath!, Path.Combine(entry, "rootfs.tar.gz"));
            var json = new JsonObject
            {
                ["digest"] = layer.Digest, ["diffId"] = layer.DiffId, ["size"] = layer.Size,
                ["suite"] = recipe.Suite, ["packages"] = recipe.Packages, ["mirror"] = recipe.Mirror,
            };
            await File.WriteAllTextAsync(Path.Combine(entry, "layer.json"), json.ToJsonString(), cancellationToken).ConfigureAwait(false);
            if (Directory.Exists(EntryDirectory)) Directory.Delete(EntryDirectory, recursive: true);
            Directory.Move(entry, EntryDirectory);
            log?.Invoke($"Base layer built in {clock.Elapsed.TotalSeconds:F0} s: {EntryDirectory} ({layer.Digest}).");
            return TryRead() ?? throw new InvalidOperationException($"The base layer was written but cannot be read back from {EntryDirectory}.");
        }
        finally
        {
            await RemoveWorkAsync(work).ConfigureAwait(false);
        }
    }

    private Layer? TryRead()
    {
        var json = Path.Combine(EntryDirectory, "layer.json");
        var blob = Path.Combine(EntryDirectory, "rootfs.tar.gz");
        if (!File.Exists(json) || !File.Exists(blob)) return null;
        var node = JsonNode.Parse(File.ReadAllText(json))!;
        var size = node["size"]!.GetValue<long>();
        if (new FileInfo(blob).Length != size) return null;
        var descriptor = new Descriptor(MediaTypes.OciLayerGzip, node["digest"]!.GetValue<string>(), size);
        return new Layer("rootfs", Blob.FromFile(descriptor, blob), node["diffId"]!.GetValue<string>());
    }

    private async Task BootstrapAsync(string root, CancellationToken cancellationToken)
    {
        var debootstrap = Command.Require("debootstrap", InstallHint);
        log?.Invoke($"debootstrap --variant=minbase {recipe.Suite} from {recipe.Mirror} (about a minute) ...");
        await Command.RunCheckedAsync(debootstrap, ["--variant=minbase", recipe.Suite, root, recipe.Mirror],
            TimeSpan.FromMinutes(10), cancellationToken: cancellationToken).ConfigureAwait(false);
        await UnmountUnderAsync(root).ConfigureAwait(false);

        // apt in the chroot resolves the mirror with the host's resolver; the file goes again afterwards
        // (the engine provides its own).
        var resolv = Path.Combine(root, "etc", "resolv.conf");
        if (File.Exists("/etc/resolv.conf")) File.Copy("/etc/resolv.conf", resolv, overwrite: true);
        var proc = Path.Combine(root, "proc");
        await Command.RunCheckedAsync("mount", ["-t", "proc", "proc", proc], TimeSpan.FromSeconds(30), cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            log?.Invoke($"chroot apt-get install {recipe.Packages} ...");
            var env = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive", ["LC_ALL"] = "C" };
            string[] packages = recipe.Packages.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            await Command.RunCheckedAsync("chroot", [root, "apt-get", "install", "-y", "-q", "--no-install-recommends", .. packages],
                TimeSpan.FromMinutes(10), env, cancellationToken).ConfigureAwait(false);
            await Command.RunCheckedAsync("chroot", [root, "apt-get", "clean"], TimeSpan.FromMinutes(1), env, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await UnmountUnderAsync(root).ConfigureAwait(false);
            File.Delete(resolv);
        }
    }

    /// <summary>What an image does not need: apt lists and caches, docs, man pages, locales, logs.</summary>
    private static void Clean(string root)
    {
        foreach (var folder in new[] { "var/lib/apt/lists", "var/cache/apt", "usr/share/doc", "usr/share/man", "usr/share/info", "usr/share/locale", "var/log" })
        {
            var path = Path.Combine(root, folder);
            if (!Directory.Exists(path)) continue;
            foreach (var child in new DirectoryInfo(path).EnumerateFileSystemInfos())
            {
                if (child is DirectoryInfo { LinkTarget: null } dir) dir.Delete(recursive: true); else child.Delete();
            }
        }
    }

    /// <summary>Unmounts everything at or under <paramref name="root"/>, deepest first.</summary>
    internal static async Task UnmountUnderAsync(string root)
    {
        var full = Path.GetFullPath(root).TrimEnd('/');
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var mounts = MountsUnder(full);
            if (mounts.Count == 0) return;
            foreach (var mount in mounts.OrderByDescending(m => m.Length))
                await Command.RunAsync("umount", ["-l", mount], TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        if (MountsUnder(full) is { Count: > 0 } left)
            throw new InvalidOperationException($"Could not unmount: {string.Join(", ", left)}");
    }

    internal static IReadOnlyList<string> MountsUnder(string root) =>
        File.ReadAllLines("/proc/self/mounts").Select(l => l.Split(' ')).Where(f => f.Length > 2)
            .Select(f => f[1].Replace("\\040", " "))
            .Where(m => m == root || m.StartsWith(root + "/", StringComparison.Ordinal)).ToArray();

    private static async Task RemoveWorkAsync(string work)
    {
        await UnmountUnderAsync(work).ConfigureAwait(false);
        // Never delete through a mount point: the check above threw if one is left.
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (clock.Elapsed < TimeSpan.FromMinutes(10))
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
