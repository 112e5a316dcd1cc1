using System.Diagnostics;
using Notebook.Images;

// Usage: EngineBench IMAGE RUNS. Runs "echo hello; exit 3" RUNS times through DockerEngine the way a container kernel
// will (create, attach, start, read both streams, wait, remove) against DOCKER_HOST and prints the mean seconds.
var image = args[0];
var runs = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
using var engine = new DockerEngine();
await engine.PingAsync();
var clock = Stopwatch.StartNew();
for (var i = 0; i < runs; i++)
{
    var id = await engine.CreateContainerAsync(new DockerContainerSpec { Image = image, Command = ["echo hello; exit 3"], NetworkMode = "none" });
    using (var attachment = await engine.AttachAsync(id))
    {
        await engine.StartContainerAsync(id);
        var (stdout, _) = await attachment.ReadToEndAsync();
        if (stdout != "hello\n" || await engine.WaitContainerAsync(id) != 3) throw new InvalidOperationException("unexpected output or exit code");
    }
    await engine.RemoveContainerAsync(id);
}
Console.WriteLine((clock.Elapsed.TotalSeconds / runs).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture));
