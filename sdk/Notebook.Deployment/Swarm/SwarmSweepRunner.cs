using System.Diagnostics;
using Notebook.Images;

namespace Notebook.Deployment.Swarm;

/// <summary>One parameter set's outcome in a sweep.</summary>
public sealed record SweepSetResult(int Index, int ExitCode, TimeSpan Duration, string? FailingCell, int Attempts, string NodeId, string OutputDirectory, string? Error);

/// <summary>
/// A sweep on the swarm: one job per parameter set, at most <c>concurrency</c> at a time, each task reading its set
/// from the sweep file (a swarm config every node can mount) with <c>--sweep FILE --sweep-index N</c>, as a
/// Kubernetes Indexed Job's pods do. Each set's results land in <c>OUTPUT/N/</c>.
/// </summary>
public sealed class SwarmSweepRunner(SwarmJobRunner runner)
{
    /// <summary>Where the sweep file is mounted in every task.</summary>
    public const string SweepPathInTask = "/run/notebook-sdk/sweep";

    /// <param name="request">The run every set shares; its <see cref="SwarmRunRequest.OutputDirectory"/> gets one folder per set.</param>
    /// <param name="sweepFileName">The sweep file's name (its extension says YAML or JSON).</param>
    /// <param name="sweepFile">The sweep file's bytes.</param>
    /// <param name="setCount">How many parameter sets it holds.</param>
    public async Task<IReadOnlyList<SweepSetResult>> RunAsync(SwarmRunRequest request, string sweepFileName, byte[] sweepFile, int setCount, int concurrency,
        ISwarmRunOutput output, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var sweepId = request.RunId ?? SwarmJobRunner.NewRunId();
        var pathInTask = SweepPathInTask + Path.GetExtension(sweepFileName).ToLowerInvariant();
        var results = new SweepSetResult[setCount];
        using var slots = new SemaphoreSlim(concurrency, concurrency);
        var runs = Enumerable.Range(0, setCount).Select(async index =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            var folder = Path.Combine(request.OutputDirectory, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            try
            {
                var set = request with
                {
                    RunId = $"{sweepId}-{index}",
                    OutputDirectory = folder,
                    Args = [.. request.Args, "--sweep", pathInTask, "--sweep-index", index.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                    Files = [.. request.Files, new(pathInTask, sweepFile)],
                    Labels = new Dictionary<string, string>(request.Labels) { ["dev.notebook-sdk.sweep.id"] = sweepId, ["dev.notebook-sdk.sweep.index"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                };
                var result = await runner.RunAsync(set, new PrefixedOutput(output, $"[{index}] "), cancellationToken).ConfigureAwait(false);
                results[index] = new SweepSetResult(index, result.ExitCode, result.Duration, result.FailingCell, result.Attempts, result.NodeId, folder, null);
            }
            catch (Diagnostics.NotebookSdkException e)
            {
                // One set the swarm could not run does not stop the others; it counts as a kernel failure (3).
                output.Report(e.Diagnostic with { Message = $"[{index}] {e.Diagnostic.Message}" });
                results[index] = new SweepSetResult(index, 3, clock.Elapsed, null, 1, "", folder, e.Code);
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        await Task.WhenAll(runs).ConfigureAwait(false);
        return results;
    }
}
