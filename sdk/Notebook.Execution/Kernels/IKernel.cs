using System.Text.Json.Nodes;
using System.Threading.Channels;
using Notebook.Execution.Messaging;

namespace Notebook.Execution.Kernels;

/// <summary>
/// A started kernel as the executor sees it, wherever it runs (a local process, a container, a remote gateway): send
/// requests and get their replies, read iopub, learn of its death, interrupt it, shut it down. jupyter_client keeps
/// the same line between its client and its kernel provisioners.
/// </summary>
public interface IKernel : IAsyncDisposable
{
    /// <summary>The kernelspec's name, display name and language, as the notebook's <c>metadata.kernelspec</c> records them.</summary>
    string Name { get; }

    string DisplayName { get; }

    string Language { get; }

    /// <summary><c>language_info</c> from the kernel_info reply received at start-up.</summary>
    JsonObject? LanguageInfo { get; }

    /// <summary>Every iopub message, in order.</summary>
    ChannelReader<JupyterMessage> Iopub { get; }

    /// <summary>Fires when the kernel is found dead.</summary>
    CancellationToken DeathToken { get; }

    bool IsDead { get; }

    /// <summary>Sends a request and returns at once; the reply task completes when its reply arrives.</summary>
    Task<KernelRequest> SendRequestAsync(KernelChannel channel, string msgType, JsonObject content, CancellationToken cancellationToken);

    /// <summary>As above, with the request's <c>metadata</c> (an execute_request carries the cell's language there).</summary>
    Task<KernelRequest> SendRequestAsync(KernelChannel channel, string msgType, JsonObject content, JsonObject? metadata, CancellationToken cancellationToken);

    /// <summary>Forgets a pending request whose reply is no longer wanted.</summary>
    void Forget(string msgId);

    /// <summary>Interrupts the running cell the way the kernel wants it (signal or interrupt_request).</summary>
    Task InterruptAsync(CancellationToken cancellationToken);

    /// <summary>Stops the kernel; never throws for a kernel already gone. How it ended is in <see cref="LastShutdown"/>.</summary>
    Task ShutdownAsync(TimeSpan? gracePeriod = null);

    KernelShutdown? LastShutdown { get; }

    /// <summary>Why the kernel is dead, with its last output, for the error the run reports.</summary>
    KernelDiedException CreateDiedException();
}

/// <summary>Where kernels run: starts one by kernelspec name (a local process, a container of an image, a gateway's kernel).</summary>
public interface IKernelProvisioner
{
    /// <summary>Starts the kernel and waits until it is ready; start failures are <c>NotebookSdkException</c>s (NB5101-NB5104 and the provisioner's own).</summary>
    Task<IKernel> StartAsync(string kernelName, KernelClientOptions options, CancellationToken cancellationToken);
}

/// <summary>Kernels as local processes from kernelspecs (jupyter_client's LocalProvisioner).</summary>
public sealed class LocalKernelProvisioner(KernelSpecFinder? finder = null) : IKernelProvisioner
{
    public async Task<IKernel> StartAsync(string kernelName, KernelClientOptions options, CancellationToken cancellationToken)
    {
        var spec = (finder ?? new KernelSpecFinder()).Find(kernelName);
        return await KernelClient.StartAsync(spec, options, cancellationToken).ConfigureAwait(false);
    }
}
