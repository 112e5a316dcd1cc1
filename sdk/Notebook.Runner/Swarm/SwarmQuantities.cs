using Notebook.Deployment.Settings;
using Notebook.Deployment.Sweeps;
using Notebook.Diagnostics;

namespace Notebook.Runner.Swarm;

/// <summary>CPU and memory quantities and sweep files, read by Notebook.Deployment's settings and sweep reader.</summary>
internal static class SwarmQuantities
{
    public static long NanoCpus(string text) =>
        (ResourceQuantity.TryParse(text, out var reason) ?? throw Messages.NB6020_CpuInvalid.Exception("--cpu", text, reason)).ToNanoCpus();

    public static long Bytes(string text) =>
        (ResourceQuantity.TryParse(text, out var reason) ?? throw Messages.NB6021_MemoryInvalid.Exception("--memory", text, reason)).ToBytes();

    public static int CountSweepSets(string path) => SweepFile.Read(path).Sets.Count;
}
