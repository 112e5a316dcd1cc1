using Notebook.E2E;

// eng/e2e/Notebook.E2E.Environment: `base-image --registry HOST [--repository R] [--tag T]` makes (or takes
// from the cache) the Debian base with python3-ipykernel and pushes it; prints the image reference.
if (args.Length == 0 || args[0] is "-h" or "--help" || args[0] != "base-image")
{
    Console.Error.WriteLine("usage: base-image --registry 127.0.0.1:PORT [--repository e2e/base] [--tag bookworm-ipykernel]");
    return args.Length > 0 && args[0] is "-h" or "--help" ? 0 : 2;
}

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

var registry = Option("--registry");
if (registry is null)
{
    Console.Error.WriteLine("error: --registry 127.0.0.1:PORT is required.");
    return 2;
}
var recipe = BaseImageRecipe.ForThisMachine();
var repository = Option("--repository") ?? BaseImageRecipe.Repository;
var tag = Option("--tag") ?? recipe.Tag;
var layer = await new BaseImageBuilder(recipe, E2ECache.Directory, line => Console.Error.WriteLine(line)).GetOrBuildAsync();
var digest = await BaseImagePublisher.PushAsync(registry, repository, tag, layer);
Console.Error.WriteLine($"Pushed {registry}/{repository}:{tag} ({digest}).");
Console.WriteLine($"{registry}/{repository}:{tag}");
return 0;
