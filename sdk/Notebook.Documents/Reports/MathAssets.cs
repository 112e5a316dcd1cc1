using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Notebook.Documents;

/// <summary>
/// KaTeX, embedded in this assembly at build time (see the csproj), inlined into a report that has math: its
/// stylesheet with every font as a woff2 data: URI, its script, and the few lines that render each <c>.math</c>
/// element. The page needs no network; the CSP allows exactly these two scripts by hash.
/// </summary>
internal static partial class MathAssets
{
    private const string Prefix = "Notebook.Documents.Math.";

    private static readonly Lazy<string> LazyCss = new(BuildCss);
    private static readonly Lazy<string> LazyScript = new(() => Read("katex.min.js"));
    private static readonly Lazy<string> LazyScriptHash = new(() => Hash(Script));

    /// <summary>
    /// Markdig writes <c>\(..\)</c> in span.math and <c>\[..\]</c> in div.math; text/latex outputs come as
    /// div.math.display without delimiters. Bad TeX shows as red source (throwOnError false), never as a script error.
    /// </summary>
    public const string RenderScript =
        "document.querySelectorAll('.math').forEach(function(e){var t=e.textContent.trim(),d=e.tagName==='DIV';"
        + "if(/^\\\\[(\\[]/.test(t)&&/\\\\[)\\]]$/.test(t))t=t.slice(2,-2);"
        + "try{katex.render(t,e,{displayMode:d,throwOnError:false});e.classList.add('rendered')}catch(x){}});";

    public static string Css => LazyCss.Value;

    public static string Script => LazyScript.Value;

    public static string ScriptHash => LazyScriptHash.Value;

    public static string RenderScriptHash { get; } = Hash(RenderScript);

    private static string Hash(string script) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)));

    private static string BuildCss()
    {
        // Each @font-face lists woff2, woff and ttf files beside the stylesheet; keep the woff2 one, inlined.
        return FontSource().Replace(Read("katex.min.css"), m =>
        {
            using var stream = Open("fonts." + m.Groups["font"].Value + ".woff2");
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return "src:url(data:font/woff2;base64," + Convert.ToBase64String(memory.ToArray()) + ") format(\"woff2\")";
        });
    }

    private static string Read(string name)
    {
        using var reader = new StreamReader(Open(name), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static Stream Open(string name) =>
        typeof(MathAssets).Assembly.GetManifestResourceStream(Prefix + name)
        ?? throw new InvalidOperationException($"The report's math asset {name} is missing from {typeof(MathAssets).Assembly.GetName().Name}: the build embeds it from npm's katex.");

    [GeneratedRegex(@"src:url\(fonts/(?<font>[A-Za-z0-9_-]+)\.woff2\)[^;}]*")]
    private static partial Regex FontSource();
}
