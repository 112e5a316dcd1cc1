namespace Notebook.Diagnostics;

// Runs and sweeps on a Docker Swarm: NB4130-NB4149 the engine and its tasks, NB5290-NB5299 the runner's sweep
// option and its swarm subcommand, NB6065-NB6069 the project's settings for them.
public static partial class Messages
{
    public static readonly MessageDescriptor NB4130_NotSwarmManager = new("NB4130", Severity.Error,
        "The Docker engine at '{0}' is {1}, so it cannot run a notebook as a swarm job. Point DOCKER_HOST at a manager of the swarm (for example DOCKER_HOST=tcp://swarm-manager:2376 with DOCKER_TLS_VERIFY=1), or make this engine one with 'docker swarm init'.");

    public static readonly MessageDescriptor NB4131_SwarmServiceRefused = new("NB4131", Severity.Error,
        "The swarm manager at '{0}' refused to create '{1}': {2}. Fix what the manager names; a name already in use is freed with 'docker service rm NAME' or 'docker config rm NAME'.");

    public static readonly MessageDescriptor NB4132_SwarmTaskRejected = new("NB4132", Severity.Error,
        "The swarm could not start the run of '{0}' on node {1}: {2}. Check that every node can pull the image (a registry the nodes reach, with credentials given through 'docker login' on the manager), and that the network '{3}' exists.");

    public static readonly MessageDescriptor NB4133_SwarmTaskNotScheduled = new("NB4133", Severity.Error,
        "No swarm node took the run of '{0}' within {1}: {2}. Ask for less (the notebook's Cpu and Memory, here {3}), add nodes with that much free, or wait longer with --schedule-timeout (NotebookSwarmScheduleTimeout).");

    public static readonly MessageDescriptor NB4134_SwarmTaskKilledForMemory = new("NB4134", Severity.Error,
        "The run of '{0}' was killed for exceeding its memory limit of {1} (exit code {2}); {3}. Give the notebook more memory (Memory metadata, for example <Notebook Update=\"{0}\" Memory=\"2Gi\" />), or make it use less.");

    public static readonly MessageDescriptor NB4135_SwarmTaskLost = new("NB4135", Severity.Error,
        "The run of '{0}' ended without an exit code on node {1} (task {2}: {3}). The node may have left the swarm or restarted; check 'docker node ls' and run again.");

    public static readonly MessageDescriptor NB4136_SwarmResultsMissing = new("NB4136", Severity.Warning,
        "The results of '{0}' could not be brought back from '{1}': {2}. The run's own output above says why it did not push them; the task's exit code is returned as it is.");

    public static readonly MessageDescriptor NB4137_SwarmRetrying = new("NB4137", Severity.Warning,
        "The run of '{0}' exited with {1}; retrying ({2} of {3}). Exit codes 1 (a cell raised), 2 (bad parameters) and 4 (timeout) are never retried; set Retries=\"0\" on the notebook to retry nothing.");

    public static readonly MessageDescriptor NB4138_SwarmCancelLeftContainer = new("NB4138", Severity.Warning,
        "The run of '{0}' was cancelled, but its task on node {1} had not stopped within {2}. Stop it there with 'docker container rm -f {3}'.");

    public static readonly MessageDescriptor NB4139_SweepSetFailed = new("NB4139", Severity.Error,
        "{0} of {1} parameter sets of the sweep failed (sets {2}); see the summary above and '{3}'. Each set's notebook, report and run.json are in its own folder.");

    public static readonly MessageDescriptor NB5290_SweepIndexMissing = new("NB5290", Severity.Error,
        "--sweep '{0}' needs the index of the parameter set to run: give --sweep-index N (0 to {1}), or set JOB_COMPLETION_INDEX (a Kubernetes Indexed Job sets it for each pod).");

    public static readonly MessageDescriptor NB5292_SwarmUsage = new("NB5292", Severity.Error,
        "'nbrun swarm' needs {0}, for example 'nbrun swarm --image registry.example.com/team/report@sha256:... --output-dir bin/Release/run -- report.ipynb -p top_n=5' ('dotnet run -p:NotebookRunIn=Swarm' gives all of it).");

    public static readonly MessageDescriptor NB5293_KernelKilledForMemory = new("NB5293", Severity.Error,
        "The kernel was killed by the out-of-memory killer: the container's memory limit is {0}. Give the notebook more memory (Memory metadata on the Notebook item, or 'docker run --memory'), or make it use less; the notebook as far as it ran is saved.");

    public static readonly MessageDescriptor NB5294_InvalidSweepIndex = new("NB5294", Severity.Error,
        "The sweep index '{0}' (from {1}) is not a whole number from 0 up. Give for example --sweep-index 3.");

    public static readonly MessageDescriptor NB6065_SwarmRunNeedsRegistry = new("NB6065", Severity.Error,
        "NotebookRunIn=Swarm needs a registry the swarm's nodes pull from: set ContainerRegistry, for example <ContainerRegistry>registry.example.com</ContainerRegistry> or -p:ContainerRegistry=registry.example.com.");

    public static readonly MessageDescriptor NB6068_SweepNeedsSwarm = new("NB6068", Severity.Error,
        "NotebookSweep is set but NotebookRunIn is '{0}': sweeps run on the swarm. Add -p:NotebookRunIn=Swarm, or on Kubernetes apply the Indexed Job that 'dotnet publish' writes.");
}
