using System.Reflection;

namespace Notebook.Runner;

/// <summary>The SDK version nbrun belongs to (the assembly's informational version, without the source revision).</summary>
public static class RunnerVersion
{
    public static string Version { get; } = Read();

    private static string Read()
    {
        var informational = typeof(RunnerVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+');
        return plus > 0 ? informational[..plus] : informational;
    }
}
