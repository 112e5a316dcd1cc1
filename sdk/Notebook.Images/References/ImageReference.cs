using System.Text.RegularExpressions;
using Notebook.Diagnostics;

namespace Notebook.Images;

/// <summary>
/// A parsed image reference <c>[registry[:port]/]repository[:tag][@sha256:hex]</c>, following the grammar of
/// distribution/reference: the first segment is a registry when it holds '.' or ':' or is 'localhost';
/// otherwise the image is on Docker Hub ('docker.io', one-segment names under 'library/').
/// </summary>
public sealed partial record ImageReference(string Registry, string Repository, string? Tag, string? Digest)
{
    public const string DockerHubRegistry = "docker.io";

    /// <summary>Docker Hub's API lives on another host than its name (docker/distribution reference.go).</summary>
    public const string DockerHubApiHost = "registry-1.docker.io";

    /// <summary>The host (and port) the registry API answers on.</summary>
    public string ApiHost => Registry == DockerHubRegistry ? DockerHubApiHost : Registry;

    /// <summary>What goes after <c>/manifests/</c>: the digest when pinned, else the tag.</summary>
    public string ManifestReference => Digest ?? Tag ?? "latest";

    public static ImageReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var input = text.Trim();
        if (input.Length == 0) throw Messages.NB4001_InvalidImageReference.Exception(text, "it is empty");
        if (input.Contains("://", StringComparison.Ordinal))
            throw Messages.NB4001_InvalidImageReference.Exception(text, "a reference has no scheme such as 'https://'");

        string? digest = null;
        var at = input.IndexOf('@');
        if (at >= 0)
        {
            digest = input[(at + 1)..];
            input = input[..at];
            if (!DigestPattern().IsMatch(digest))
                throw Messages.NB4001_InvalidImageReference.Exception(text, $"the digest '{digest}' is not sha256: followed by 64 lower-case hex digits");
        }

        string registry = DockerHubRegistry;
        var slash = input.IndexOf('/');
        var rest = input;
        if (slash > 0)
        {
            var first = input[..slash];
            if (first.Contains('.') || first.Contains(':') || first == "localhost")
            {
                registry = first.Equals("index.docker.io", StringComparison.OrdinalIgnoreCase) ? DockerHubRegistry : first;
                rest = input[(slash + 1)..];
                if (!RegistryPattern().IsMatch(registry))
                    throw Messages.NB4001_InvalidImageReference.Exception(text, $"the registry '{registry}' is not a host name with an optional port");
            }
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon >= 0)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
                throw Messages.NB4001_InvalidImageReference.Exception(text, $"the tag '{tag}' has characters outside [A-Za-z0-9_.-] or is longer than 128");
        }

        if (rest.Length == 0) throw Messages.NB4001_InvalidImageReference.Exception(text, "the repository name is missing");
        if (registry == DockerHubRegistry && !rest.Contains('/')) rest = "library/" + rest;

        if (!RepositoryPattern().IsMatch(rest))
        {
            var lower = rest.ToLowerInvariant();
            if (lower != rest && RepositoryPattern().IsMatch(lower))
                throw Messages.NB4002_UppercaseRepository.Exception(rest, text, lower);
            throw Messages.NB4001_InvalidImageReference.Exception(text,
                $"the repository '{rest}' must be lower-case segments of [a-z0-9] separated by '/', joined inside a segment by '.', '_', '__' or '-'");
        }
        if (rest.Length > 255) throw Messages.NB4001_InvalidImageReference.Exception(text, "the repository name is longer than 255 characters");

        if (tag is null && digest is null) tag = "latest";
        return new ImageReference(registry, rest, tag, digest);
    }

    /// <summary>Validates a tag as the distribution spec defines it.</summary>
    public static string ValidateTag(string tag) =>
        TagPattern().IsMatch(tag) ? tag : throw Messages.NB4007_InvalidImageTag.Exception(tag);

    /// <summary>Validates a repository name (no registry, no tag).</summary>
    public static string ValidateRepository(string repository)
    {
        if (RepositoryPattern().IsMatch(repository) && repository.Length <= 255) return repository;
        var lower = repository.ToLowerInvariant();
        if (lower != repository && RepositoryPattern().IsMatch(lower))
            throw Messages.NB4002_UppercaseRepository.Exception(repository, repository, lower);
        throw Messages.NB4001_InvalidImageReference.Exception(repository, "the repository must be lower-case segments of [a-z0-9] separated by '/'");
    }

    public ImageReference WithTag(string tag) => this with { Tag = ValidateTag(tag), Digest = null };

    public ImageReference WithDigest(string digest) => this with { Digest = digest };

    /// <summary>The full name, e.g. <c>docker.io/library/python:3.12@sha256:...</c>.</summary>
    public override string ToString() =>
        $"{Registry}/{Repository}{(Tag is null ? "" : ":" + Tag)}{(Digest is null ? "" : "@" + Digest)}";

    [GeneratedRegex("^sha256:[a-f0-9]{64}$")]
    internal static partial Regex DigestPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$")]
    private static partial Regex RegistryPattern();
}
