// The tests drive Linux tools (docker-registry, skopeo, dockerd); they run on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
