namespace Notebook.Dependencies;

/// <summary>
/// Import names whose distribution is named otherwise (<c>import sklearn</c> comes from scikit-learn), and the modules
/// the kernel itself brings. The list is in docs/dependencies.md; <c>top_level.txt</c> of an installed layer adds to it.
/// </summary>
public static class ImportNames
{
    /// <summary>Import name to the distributions (PEP 503 names) that provide it; the first is the one to suggest.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Distributions = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["sklearn"] = ["scikit-learn"],
        ["skimage"] = ["scikit-image"],
        ["yaml"] = ["pyyaml"],
        ["PIL"] = ["pillow"],
        ["cv2"] = ["opencv-python-headless", "opencv-python", "opencv-contrib-python", "opencv-contrib-python-headless"],
        ["bs4"] = ["beautifulsoup4"],
        ["dateutil"] = ["python-dateutil"],
        ["dotenv"] = ["python-dotenv"],
        ["jose"] = ["python-jose"],
        ["jwt"] = ["pyjwt"],
        ["magic"] = ["python-magic"],
        ["docx"] = ["python-docx"],
        ["pptx"] = ["python-pptx"],
        ["Crypto"] = ["pycryptodome"],
        ["OpenSSL"] = ["pyopenssl"],
        ["serial"] = ["pyserial"],
        ["usb"] = ["pyusb"],
        ["attr"] = ["attrs"],
        ["google"] = ["protobuf", "google-cloud-storage", "google-cloud-bigquery", "google-api-core", "google-auth"],
        ["psycopg2"] = ["psycopg2-binary", "psycopg2"],
        ["MySQLdb"] = ["mysqlclient"],
        ["pymysql"] = ["pymysql"],
        ["sqlalchemy"] = ["sqlalchemy"],
        ["fitz"] = ["pymupdf"],
        ["git"] = ["gitpython"],
        ["github"] = ["pygithub"],
        ["slugify"] = ["python-slugify"],
        ["Levenshtein"] = ["levenshtein", "python-levenshtein"],
        ["lxml"] = ["lxml"],
        ["zmq"] = ["pyzmq"],
        ["tables"] = ["tables"],
        ["pyarrow"] = ["pyarrow"],
        ["duckdb"] = ["duckdb"],
        ["pkg_resources"] = ["setuptools"],
        ["setuptools"] = ["setuptools"],
        ["typing_extensions"] = ["typing-extensions"],
        ["mpl_toolkits"] = ["matplotlib"],
        ["win32api"] = ["pywin32"],
        ["pydantic_settings"] = ["pydantic-settings"],
        ["tensorflow"] = ["tensorflow", "tensorflow-cpu"],
        ["torch"] = ["torch"],
        ["xgboost"] = ["xgboost"],
    };

    /// <summary>Modules the kernel brings with it (ipykernel and what it depends on): never warned about.</summary>
    public static readonly IReadOnlySet<string> KernelProvided = new HashSet<string>(StringComparer.Ordinal)
    {
        "IPython", "ipykernel", "jupyter_client", "jupyter_core", "traitlets", "comm", "zmq", "tornado", "matplotlib_inline",
        "debugpy", "nest_asyncio", "psutil", "packaging", "platformdirs", "pygments", "prompt_toolkit", "jedi", "parso",
        "decorator", "pexpect", "ptyprocess", "wcwidth", "stack_data", "executing", "asttokens", "pure_eval", "dateutil", "six",
    };

    /// <summary>The distribution to suggest for an import name.</summary>
    public static string Suggest(string module) =>
        Distributions.TryGetValue(module, out var dists) ? dists[0] : PackageName.Normalize(module);
}
