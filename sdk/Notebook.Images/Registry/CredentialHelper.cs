using System.Diagnostics;
using System.Text.Json;
using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>
/// Runs <c>docker-credential-NAME get</c> (docker/docker-credential-helpers protocol): the server URL on stdin,
/// <c>{"ServerURL","Username","Secret"}</c> on stdout; "credentials not found" means anonymous.
/// The helper's output is never quoted in errors: it may hold the secret.
/// </summary>
public sealed class CredentialHelper(string name, TimeSpan? timeout = null, string? executable = null)
{
    public string Name { get; } = name;

    /// <summary>The program run: <c>docker-credential-NAME</c> from PATH unless given.</summary>
    public string Executable { get; } = executable ?? "docker-credential-" + name;

    public TimeSpan Timeout { get; } = timeout ?? TimeSpan.FromSeconds(30);

    public async Task<RegistryCredential?> GetAsync(string serverUrl, string configPath, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("get");
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("the process did not start");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw Messages.NB4017_CredentialHelperFailed.Exception(Name, serverUrl, "it could not be started (" + e.Message + ")", configPath);
        }

        using (process)
        {
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(Timeout);
            try
            {
                try
                {
                    await process.StandardInput.WriteAsync(serverUrl.AsMemory(), timeoutSource.Token).ConfigureAwait(false);
                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // The helper exited without reading stdin (broken pipe); its exit code tells the rest.
                }
                var stdout = process.StandardOutput.ReadToEndAsync(timeoutSource.Token);
                var stderr = process.StandardError.ReadToEndAsync(timeoutSource.Token);
                await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
                var output = await stdout.ConfigureAwait(false);
                var errors = await stderr.ConfigureAwait(false);
                if (process.ExitCode != 0)
                {
                    if ((output + errors).Contains("credentials not found", StringComparison.OrdinalIgnoreCase)) return null;
                    throw Messages.NB4017_CredentialHelperFailed.Exception(Name, serverUrl, $"it exited with code {process.ExitCode}", configPath);
                }
                return Parse(output, serverUrl, configPath);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw Messages.NB4017_CredentialHelperFailed.Exception(Name, serverUrl, $"it did not answer within {Timeout.TotalSeconds:0} s", configPath);
            }
        }
    }

    private RegistryCredential? Parse(string output, string serverUrl, string configPath)
    {
        try
        {
            using var doc = JsonDocument.Parse(output);
            var user = doc.RootElement.TryGetProperty("Username", out var u) ? u.GetString() : null;
            var secret = doc.RootElement.TryGetProperty("Secret", out var s) ? s.GetString() : null;
            return string.IsNullOrEmpty(secret) ? null : new RegistryCredential(user ?? "", secret);
        }
        catch (JsonException)
        {
            throw Messages.NB4017_CredentialHelperFailed.Exception(Name, serverUrl, "its output is not the expected JSON", configPath);
        }
    }
}
