using System.Text.Json;
using Notebook.Testing;

namespace Notebook.Publish.Tests;

/// <summary>A real .nbproj with one notebook (a parameters cell) and a fixed fake runner, published with `dotnet publish`.</summary>
public sealed class ImageProject : IDisposable
{
    public const string NotebookJson = """
        {
         "cells": [
          {"cell_type": "code", "execution_count": null, "id": "params", "metadata": {"tags": ["parameters"]}, "outputs": [],
           "source": ["start_date = \"2026-01-01\"\n", "top_n: int = 10\n"]},
          {"cell_type": "code", "execution_count": null, "id": "body", "metadata": {}, "outputs": [],
           "source": ["print(start_date, top_n)\n"]}
         ],
         "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}, "language_info": {"name": "python"}},
         "nbformat": 4,
         "nbformat_minor": 5
        }
        """;

    /// <summary>Stands in for nbrun: the image digest must not depend on how the runner was built.</summary>
    public const string FakeRunner = "#!/bin/sh\necho fake nbrun \"$@\"\n";

    public ImageProject(string properties, string items = "", string name = "job", bool fakeRunner = true)
    {
        var runner = fakeRunner ? "<NotebookRunnerPath>$(MSBuildProjectDirectory)/tools/nbrun</NotebookRunnerPath>" : "";
        Project = new TestProject(name, TestProject.ProjectXml(properties + "\n" + runner, items));
        Project.Write("report.ipynb", NotebookJson);
        if (fakeRunner) Project.Write("tools/nbrun", FakeRunner);
    }

    public TestProject Project { get; }

    public string Directory => Project.Directory;

    public string PublishDirectory => Path.Combine(Directory, "bin", "Release", "publish");

    public Task<ProcessResult> PublishAsync(IDictionary<string, string?>? environment = null, params string[] extra) =>
        Project.DotnetAsync(["publish", Project.ProjectPath, "-v:n", .. extra], environment, TimeSpan.FromMinutes(3));

    /// <summary>Publishes and fails with the whole build output when the publish did not succeed.</summary>
    public async Task<ProcessResult> PublishCheckedAsync(IDictionary<string, string?>? environment = null, params string[] extra)
    {
        var result = await PublishAsync(environment, extra);
        if (result.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed ({result.ExitCode}):\n{result.Output}");
        return result;
    }

    public JsonElement ImageJson() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(PublishDirectory, "image.json"))).RootElement.Clone();

    public void Dispose() => Project.Dispose();
}
