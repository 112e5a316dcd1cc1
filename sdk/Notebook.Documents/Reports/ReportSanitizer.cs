using Ganss.Xss;

namespace Notebook.Documents;

/// <summary>
/// The allow-list sanitizer for every piece of HTML the report did not write itself (raw HTML in markdown, text/html
/// outputs): HtmlSanitizer's defaults (no script, no event handlers, no javascript: URLs) plus the report's rules:
/// nothing the page would load may come from outside it (images, media and styles take data: URIs only), while links
/// a reader clicks keep http(s) and mailto; classes and ids stay for pandas' styled tables; audio and video keep
/// the browser's controls. One instance per report: it also resolves <c>attachment:</c> URLs of the cell being sanitized.
/// </summary>
internal sealed class ReportSanitizer
{
    private static readonly string[] ExtraTags = ["audio", "video", "source", "track", "style", "figure", "figcaption", "picture"];
    // Form controls could submit to another site (action URLs are dropped anyway); the task list checkbox stays.
    private static readonly string[] RemovedTags = ["form", "button", "textarea", "select", "option", "optgroup", "keygen", "datalist", "menuitem"];
    private static readonly string[] ExtraAttributes = ["class", "id", "controls", "loop", "muted", "preload", "kind", "srclang", "open"];

    private readonly HtmlSanitizer _sanitizer;
    private IReadOnlyDictionary<string, string>? _attachments;

    public ReportSanitizer()
    {
        _sanitizer = new HtmlSanitizer();
        foreach (var tag in ExtraTags) _sanitizer.AllowedTags.Add(tag);
        foreach (var tag in RemovedTags) _sanitizer.AllowedTags.Remove(tag);
        foreach (var attribute in ExtraAttributes) _sanitizer.AllowedAttributes.Add(attribute);
        _sanitizer.AllowedAttributes.Remove("action");
        _sanitizer.AllowedAttributes.Remove("formaction");
        _sanitizer.AllowedSchemes.Add("mailto");
        _sanitizer.AllowedSchemes.Add("data");
        _sanitizer.AllowedSchemes.Add("attachment");
        _sanitizer.FilterUrl += (_, e) => e.SanitizedUrl = e.SanitizedUrl is null ? null : FilterUrl(e.Tag.LocalName, e.SanitizedUrl, _attachments);
        // An @import would be a request at load time.
        _sanitizer.AllowedAtRules.Remove(AngleSharp.Css.Dom.CssRuleType.Import);
    }

    /// <summary>Sanitized HTML; <paramref name="attachments"/> maps a cell's attachment names to data: URIs.</summary>
    public string Sanitize(string html, IReadOnlyDictionary<string, string>? attachments = null)
    {
        _attachments = attachments;
        try
        {
            return _sanitizer.Sanitize(html);
        }
        finally
        {
            _attachments = null;
        }
    }

    /// <summary>
    /// The URL an element of kind <paramref name="tag"/> may keep, or null: a link (a) keeps http(s), mailto, fragments
    /// and relative paths, since it is followed only when a reader clicks; anything else, which the page would load,
    /// keeps only data: images and media, or an <c>attachment:</c> of the cell (as its data: URI).
    /// </summary>
    internal static string? FilterUrl(string tag, string url, IReadOnlyDictionary<string, string>? attachments)
    {
        url = url.Trim();
        if (url.StartsWith("attachment:", StringComparison.OrdinalIgnoreCase))
            return attachments is not null && attachments.TryGetValue(Uri.UnescapeDataString(url["attachment:".Length..]), out var data) ? data : null;
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            return IsSafeDataUrl(url) && tag != "a" ? url : null;
        if (tag == "a") return url.StartsWith('#') || IsAbsoluteWithScheme(url, "http", "https", "mailto") || !url.Contains(':') ? url : null;
        return null;
    }

    private static bool IsAbsoluteWithScheme(string url, params string[] schemes) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase);

    /// <summary>Images, audio and video as data (an HTML or SVG data: URL could carry script).</summary>
    internal static bool IsSafeDataUrl(string url)
    {
        var mime = url["data:".Length..].Split([';', ','], 2)[0].Trim().ToLowerInvariant();
        return mime is "image/png" or "image/jpeg" or "image/gif" or "image/webp" or "image/bmp" or "image/svg+xml"
            || mime.StartsWith("audio/", StringComparison.Ordinal) || mime.StartsWith("video/", StringComparison.Ordinal);
    }
}
