using System.Net;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>
/// Swarm services, tasks, configs and service logs: what a notebook run on a Docker Swarm needs. Every failure
/// a user can meet is an NB409x or NB413x <see cref="NotebookSdkException"/>.
/// </summary>
public sealed partial class DockerEngine
{
    /// <summary>GET /info: this engine's swarm state; NB4130 when it is not a manager of an active swarm.</summary>
    public async Task<DockerSwarmNode> GetSwarmManagerAsync(CancellationToken cancellationToken = default)
    {
        var info = await Call("report its swarm state", () => _client.System.GetSystemInfoAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        var swarm = info.Swarm;
        var state = swarm?.LocalNodeState ?? "inactive";
        if (swarm is null || state != "active" || !swarm.ControlAvailable)
            throw Messages.NB4130_NotSwarmManager.Exception(Endpoint.ToString(), state == "active" ? "a worker, not a manager" : $"not in a swarm ({state})");
        return new DockerSwarmNode(swarm.NodeID, state, swarm.ControlAvailable, info.ServerVersion ?? "");
    }

    /// <summary>Creates a replicated-job service of one task with no restarts (the caller decides retries); returns its id.</summary>
    public async Task<string> CreateJobServiceAsync(DockerServiceSpec spec, CancellationToken cancellationToken = default)
    {
        var resources = spec.NanoCpus is null && spec.MemoryBytes is null ? null : new ResourceRequirements
        {
            // Limit and reservation alike: the scheduler places the task only where what it may use is free, as Kubernetes does when requests equal limits.
            Limits = new SwarmLimit { NanoCPUs = spec.NanoCpus, MemoryBytes = spec.MemoryBytes },
            Reservations = new SwarmResources { NanoCPUs = spec.NanoCpus, MemoryBytes = spec.MemoryBytes },
        };
        var parameters = new ServiceCreateParameters
        {
            Service = new ServiceSpec
            {
                Name = spec.Name,
                Labels = new Dictionary<string, string>(spec.Labels),
                Mode = new ServiceMode { ReplicatedJob = new ReplicatedJob { MaxConcurrent = 1, TotalCompletions = 1 } },
                TaskTemplate = new TaskSpec
                {
                    ContainerSpec = new ContainerSpec
                    {
                        Image = spec.Image,
                        Args = spec.Args.ToList(),
                        Env = spec.Environment.Select(e => $"{e.Key}={e.Value}").ToList(),
                        Labels = new Dictionary<string, string>(spec.Labels),
                        Configs = spec.ConfigFiles.Select(c => new SwarmConfigReference
                        {
                            ConfigID = c.Id,
                            ConfigName = c.Name,
                            File = new ConfigReferenceFileTarget { Name = c.PathInTask, UID = "0", GID = "0", Mode = 0x124 /* 0444 */ },
                        }).ToList(),
                    },
                    Resources = resources,
                    RestartPolicy = new SwarmRestartPolicy { Condition = "none", MaxAttempts = 0 },
                    Networks = spec.Network is null ? null! : [new NetworkAttachmentConfig { Target = spec.Network }],
                },
            },
        };
        var response = await Call($"create the service '{spec.Name}' from '{spec.Image}'", () => _client.Swarm.CreateServiceAsync(parameters, cancellationToken), cancellationToken,
            e => Messages.NB4131_SwarmServiceRefused.Exception(Endpoint.ToString(), spec.Name, DockerErrors.EngineMessage(e))).ConfigureAwait(false);
        return response.ID ?? throw Messages.NB4131_SwarmServiceRefused.Exception(Endpoint.ToString(), spec.Name, "no service id came back");
    }

    /// <summary>The service's tasks, newest job iteration last.</summary>
    public async Task<IReadOnlyList<DockerTaskInfo>> ListServiceTasksAsync(string serviceId, CancellationToken cancellationToken = default)
    {
        var parameters = new TasksListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["service"] = new Dictionary<string, bool> { [serviceId] = true } },
        };
        var tasks = await Call($"list the tasks of the service {Short(serviceId)}", () => _client.Tasks.ListAsync(parameters, cancellationToken), cancellationToken).ConfigureAwait(false);
        return (tasks ?? [])
            .Select(t => new DockerTaskInfo(t.ID, t.NodeID ?? "", State(t.Status?.State), State(t.DesiredState), t.Status?.Message ?? "", t.Status?.Err ?? "",
                t.Status?.ContainerStatus?.ContainerID is { Length: > 0 } id ? id : null,
                t.Status?.ContainerStatus is { } c && State(t.Status.State) is "complete" or "failed" ? c.ExitCode : null,
                t.JobIteration?.Index ?? 0))
            .OrderBy(t => t.JobIteration)
            .ToList();
    }

    /// <summary>
    /// The service's stdout and stderr (multiplexed, as an attachment). With <paramref name="follow"/> the stream
    /// does not end when the job does (swarmkit keeps it open): cancel it.
    /// </summary>
    public async Task<DockerAttachment> GetServiceLogsAsync(string serviceId, bool follow, CancellationToken cancellationToken = default)
    {
        var parameters = new ServiceLogsParameters { ShowStdout = true, ShowStderr = true, Follow = follow };
        var stream = await Call($"stream the logs of the service {Short(serviceId)}", () => _client.Swarm.GetServiceLogsAsync(serviceId, false, parameters, cancellationToken), cancellationToken).ConfigureAwait(false);
        return new DockerAttachment(stream, Endpoint.ToString());
    }

    /// <summary>
    /// Moves the job to a new iteration that no node can take (an impossible placement constraint): every node
    /// then stops and removes the containers of the earlier one. Docker before 24 leaves a job's containers
    /// running when the service is removed (moby#44312); this reaches containers on any node.
    /// </summary>
    public async Task ParkJobServiceAsync(string serviceId, CancellationToken cancellationToken = default)
    {
        await Call($"stop the tasks of the service {Short(serviceId)}", async () =>
        {
            SwarmService service;
            try
            {
                service = await _client.Swarm.InspectServiceAsync(serviceId, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return true;
            }
            var spec = service.Spec!;
            spec.TaskTemplate!.Placement ??= new Placement();
            spec.TaskTemplate.Placement.Constraints = [.. spec.TaskTemplate.Placement.Constraints ?? [], "node.labels.dev.notebook-sdk.cancelled==true"];
            spec.TaskTemplate.ForceUpdate++;
            await _client.Swarm.UpdateServiceAsync(serviceId, new ServiceUpdateParameters { Service = spec, Version = (long)(service.Version?.Index ?? 0) }, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the service; nothing happens when it is already gone.</summary>
    public async Task RemoveServiceAsync(string serviceId, CancellationToken cancellationToken = default) =>
        await Call($"remove the service {Short(serviceId)}", async () =>
        {
            try
            {
                await _client.Swarm.RemoveServiceAsync(serviceId, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
            }
            return true;
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Stores a swarm config (a file every node can mount); returns its id.</summary>
    public async Task<string> CreateConfigAsync(string name, byte[] data, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken = default)
    {
        var parameters = new SwarmCreateConfigParameters { Config = new SwarmConfigSpec { Name = name, Data = data, Labels = new Dictionary<string, string>(labels) } };
        var response = await Call($"store the config '{name}'", () => _client.Configs.CreateConfigAsync(parameters, cancellationToken), cancellationToken,
            e => Messages.NB4131_SwarmServiceRefused.Exception(Endpoint.ToString(), name, DockerErrors.EngineMessage(e))).ConfigureAwait(false);
        return response.ID;
    }

    public async Task RemoveConfigAsync(string configId, CancellationToken cancellationToken = default) =>
        await Call($"remove the config {Short(configId)}", async () =>
        {
            try
            {
                await _client.Configs.RemoveConfigAsync(configId, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
            }
            return true;
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Whether the container (on this engine) was killed by the kernel's OOM killer; null when it is not here.</summary>
    public async Task<bool?> WasOomKilledAsync(string containerId, CancellationToken cancellationToken = default) =>
        await Call($"inspect the container {Short(containerId)}", async () =>
        {
            try
            {
                var response = await _client.Containers.InspectContainerAsync(containerId, cancellationToken).ConfigureAwait(false);
                return (bool?)response.State?.OOMKilled;
            }
            catch (DockerContainerNotFoundException)
            {
                return null;
            }
        }, cancellationToken).ConfigureAwait(false);

    private static string State(TaskState? state) => state is null ? "" : JsonName(state.Value);

    // TaskState's names as the API spells them ("complete", "failed", ...).
    private static string JsonName(TaskState state) => state.ToString().ToLowerInvariant();
}
