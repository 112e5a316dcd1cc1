// Builds, tests and publishes a notebook project with nothing but the dotnet CLI and MSBuild properties.
//   dotnet tool restore
//   dotnet cake --registry=127.0.0.1:5000
//   dotnet cake --target=Build --locked=true
// Arguments: --project (default ../report/report.nbproj), --configuration, --registry, --repository,
// --base-image, --tags (';'-separated), --locked (NotebookLockedMode), --parameters (for the test run).

var target = Argument("target", "Publish");
var project = Argument("project", "../report/report.nbproj");
var configuration = Argument("configuration", "Release");
var registry = Argument("registry", "");
var repository = Argument("repository", "");
var baseImage = Argument("base-image", "");
var tags = Argument("tags", "");
var locked = Argument("locked", BuildSystem.IsLocalBuild ? "false" : "true");
var parameters = Argument("parameters", "region=cake");

DotNetMSBuildSettings Properties()
{
    var settings = new DotNetMSBuildSettings().WithProperty("NotebookLockedMode", locked);
    var epoch = EnvironmentVariable("SOURCE_DATE_EPOCH");
    if (!string.IsNullOrEmpty(epoch)) settings.WithProperty("SOURCE_DATE_EPOCH", epoch);
    return settings;
}

Task("Build")
    .Does(() =>
{
    DotNetBuild(project, new DotNetBuildSettings
    {
        Configuration = configuration,
        MSBuildSettings = Properties(),
    });
});

// The notebook runs here, headless, through the same runner the image uses: a broken notebook or a bad
// parameter fails the build before anything is published.
Task("Test")
    .IsDependentOn("Build")
    .Does(() =>
{
    var args = new ProcessArgumentBuilder();
    foreach (var parameter in parameters.Split(';', StringSplitOptions.RemoveEmptyEntries))
        args.Append("-p").AppendQuoted(parameter);
    args.Append("--output-dir").AppendQuoted(MakeAbsolute(Directory("artifacts/test-run")).FullPath);
    DotNetRun(project, args, new DotNetRunSettings
    {
        Configuration = configuration,
        NoBuild = true,
        MSBuildSettings = Properties(),
    });
});

Task("Publish")
    .IsDependentOn("Test")
    .Does(() =>
{
    var properties = Properties();
    if (!string.IsNullOrEmpty(registry)) properties.WithProperty("ContainerRegistry", registry);
    if (!string.IsNullOrEmpty(repository)) properties.WithProperty("ContainerRepository", repository);
    if (!string.IsNullOrEmpty(baseImage)) properties.WithProperty("ContainerBaseImage", baseImage);
    // Not NoBuild: `dotnet publish --no-build` of a .nbproj stops on a missing CreateManifestResourceNames
    // target (SDK 0.1.0); the build before is incremental, so publishing with a build costs little.
    var settings = new DotNetPublishSettings
    {
        Configuration = configuration,
        MSBuildSettings = properties,
    };
    // A ';' list cannot be one /property: value without shell-level quoting; MSBuild reads environment
    // variables as properties, and there the list needs none.
    if (!string.IsNullOrEmpty(tags)) settings.EnvironmentVariables["ContainerImageTags"] = tags;
    DotNetPublish(project, settings);
    var imageJson = File(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(MakeAbsolute(File(project)).FullPath),
        "bin", configuration, "publish", "image.json"));
    Information("Image: {0}", System.IO.File.ReadAllText(imageJson.Path.FullPath));
});

RunTarget(target);
