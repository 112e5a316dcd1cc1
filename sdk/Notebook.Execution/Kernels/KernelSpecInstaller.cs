using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Notebook.Diagnostics;

namespace Notebook.Execution.Kernels;

/// <summary>
/// Installs and removes kernelspecs in Jupyter's user data folder, as 'jupyter kernelspec install --user' does:
/// <c>DATA/kernels/NAME/kernel.json</c>. Kernel names are what jupyter_client accepts: lower-case letters, digits,
/// '.', '_' and '-'.
/// </summary>
public static class KernelSpecInstaller
{
    /// <summary>
    /// jupyter_core's <c>jupyter_data_dir()</c>: <c>JUPYTER_DATA_DIR</c>, else <c>%APPDATA%\jupyter</c> on Windows,
    /// <c>~/Library/Jupyter</c> on macOS, <c>$XDG_DATA_HOME/jupyter</c> or <c>~/.local/share/jupyter</c> elsewhere.
    /// </summary>
    public static string UserDataDirectory(Func<string, string?> getEnvironmentVariable)
    {
        if (getEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } chosen) return chosen;
        var home = getEnvironmentVariable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
            return Path.Combine(getEnvironmentVariable("APPDATA") is { Length: > 0 } appData ? appData : Path.Combine(home, "AppData", "Roaming"), "jupyter");
        if (OperatingSystem.IsMacOS()) return Path.Combine(home, "Library", "Jupyter");
        return getEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg ? Path.Combine(xdg, "jupyter") : Path.Combine(home, ".local", "share", "jupyter");
    }

    /// <summary>A kernel name from a project name: lower case, every other character than [a-z0-9._-] made '-'.</summary>
    public static string NameFor(string projectName, string suffix)
    {
        var name = new StringBuilder();
        foreach (var c in projectName.ToLowerInvariant()) name.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-' ? c : '-');
        return name.ToString().Trim('-', '.') + suffix;
    }

    /// <summary>Writes <c>kernel.json</c> (replacing an earlier one of the same name); returns the kernel's folder. NB6019 when it cannot.</summary>
    public static string Install(string dataDirectory, string name, JsonObject kernelJson)
    {
        var folder = Path.Combine(dataDirectory, "kernels", name);
        try
        {
            Directory.CreateDirectory(folder);
            var json = kernelJson.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
            AtomicWrite.WriteAllBytes(Path.Combine(folder, "kernel.json"), Encoding.UTF8.GetBytes(json));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Messages.NB6019_KernelFolderNotWritable.Exception(folder, e.Message);
        }

        return folder;
    }

    /// <summary>Removes the kernel's folder; false when there was none.</summary>
    public static bool Uninstall(string dataDirectory, string name)
    {
        var folder = Path.Combine(dataDirectory, "kernels", name);
        if (!Directory.Exists(folder)) return false;
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Messages.NB6019_KernelFolderNotWritable.Exception(folder, e.Message);
        }

        return true;
    }
}
