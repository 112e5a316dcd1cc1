namespace Notebook.Runner.Swarm;

/// <summary>Quantities and sweep files through Notebook.Deployment's settings and sweep reader.</summary>
internal static class SwarmQuantities
{
    public static long NanoCpus(string quantity) => throw new NotImplementedException();

    public static long Bytes(string quantity) => throw new NotImplementedException();

    public static Task<int> CountSweepSetsAsync(string path, CancellationToken cancellationToken) => throw new NotImplementedException();
}
