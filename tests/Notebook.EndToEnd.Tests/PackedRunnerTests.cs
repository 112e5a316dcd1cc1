using System.IO.Compression;
using System.Text.Json;
using Notebook.E2E;
using Notebook.Testing;
using Shouldly;
using Xunit;

namespace Notebook.EndToEnd.Tests;

/// <summary>
/// The image runners the package ships, one per platform: each is a native program for its own architecture; the
/// linux-arm64 one runs here under qemu-user (Debian's qemu-user-static, with the aarch64 cross libc as its root).
/// </summary>
public sealed class PackedRunnerTests : IDisposable
{
    private const ushort MachineX64 = 0x3E, MachineAarch64 = 0xB7;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Extract(string rid)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(SdkFeed.Directory, $"Notebook.Sdk.{Repo.SdkVersion}.nupkg"));
        var entry = zip.GetEntry($"tools/{rid}/nbrun") ?? throw new InvalidOperationException($"The package has no tools/{rid}/nbrun.");
        var path = Path.Combine(_folder.Path, rid, "nbrun");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        entry.ExtractToFile(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>ELF e_machine (offset 18, little-endian): which architecture the file is for.</summary>
    private static ushort ElfMachine(string path)
    {
        var header = new byte[20];
        using (var stream = File.OpenRead(path)) stream.ReadExactly(header);
        header[..4].ShouldBe(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' });
        return BitConverter.ToUInt16(header, 18);
    }

    private string OneCellNotebook()
    {
        var path = Path.Combine(_folder.Path, "one.ipynb");
        File.WriteAllText(path, """
            {"nbformat": 4, "nbformat_minor": 5,
             "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
             "cells": [{"cell_type": "code", "id": "c1", "metadata": {"tags": ["parameters"]}, "execution_count": null,
                        "outputs": [], "source": "region = \"west\"\ntop_n: int = 10"}]}
            """);
        return path;
    }

    private static void ShouldListTheParameters(string json)
    {
        using var schema = JsonDocument.Parse(json);
        var properties = schema.RootElement.GetProperty("properties");
        properties.GetProperty("region").GetProperty("type").GetString().ShouldBe("string");
        properties.GetProperty("top_n").GetProperty("type").GetString().ShouldBe("integer");
        properties.GetProperty("top_n").GetProperty("default").GetInt32().ShouldBe(10);
    }

    [Fact]
    public async Task The_linux_arm64_runner_is_an_aarch64_program_that_runs_under_qemu()
    {
        var runner = Extract("linux-arm64");
        ElfMachine(runner).ShouldBe(MachineAarch64);
        var qemu = Command.Require("qemu-aarch64-static", "apt-get install qemu-user-static");
        string[] root = ["-L", "/usr/aarch64-linux-gnu"];
        Directory.Exists("/usr/aarch64-linux-gnu/lib").ShouldBeTrue("the aarch64 libc is missing: apt-get install libc6-dev-arm64-cross");

        var version = await Command.RunAsync(qemu, [.. root, runner, "--version"], TimeSpan.FromMinutes(1));
        version.ExitCode.ShouldBe(0, version.Output);
        version.Output.Trim().ShouldBe($"Notebook.Sdk {Repo.SdkVersion}");

        var list = await Command.RunAsync(qemu, [.. root, runner, OneCellNotebook(), "--list-parameters", "--json"], TimeSpan.FromMinutes(1));
        list.ExitCode.ShouldBe(0, list.Output);
        ShouldListTheParameters(list.Output);
    }

    [Fact]
    public async Task The_linux_x64_runner_is_a_native_x64_program()
    {
        var runner = Extract("linux-x64");
        ElfMachine(runner).ShouldBe(MachineX64);
        var list = await Command.RunAsync(runner, [OneCellNotebook(), "--list-parameters", "--json"], TimeSpan.FromMinutes(1));
        list.ExitCode.ShouldBe(0, list.Output);
        ShouldListTheParameters(list.Output);
    }
}
