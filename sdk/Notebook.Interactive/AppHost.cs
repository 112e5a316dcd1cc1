using System.Text;

namespace Notebook.Interactive;

/// <summary>
/// Makes a launcher from the .NET app host (the <c>apphost</c> of the Microsoft.NETCore.App.Host pack), as the SDK
/// does for every framework-dependent app: the host carries a fixed placeholder (the SHA-256 of "foobar" in hex),
/// and the path of the app's dll, relative to the launcher, is written over it and padded with zeros.
/// </summary>
public static class AppHost
{
    private static readonly byte[] Placeholder = Encoding.UTF8.GetBytes("c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2");

    public static byte[] Bind(string appHostPath, string appDllRelativePath)
    {
        var bytes = File.ReadAllBytes(appHostPath);
        var at = bytes.AsSpan().IndexOf(Placeholder);
        var path = Encoding.UTF8.GetBytes(appDllRelativePath);
        if (at < 0 || path.Length >= 1024) throw Messages.NB4184_ApphostUnusable.Exception(appHostPath);
        // The placeholder is the start of a 1024-byte field; the path and the zeros after it must fit in that field.
        var field = bytes.AsSpan(at, Math.Min(1024, bytes.Length - at));
        if (path.Length >= field.Length) throw Messages.NB4184_ApphostUnusable.Exception(appHostPath);
        field[..Placeholder.Length].Clear();
        path.CopyTo(field);
        return bytes;
    }
}
