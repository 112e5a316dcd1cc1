namespace Notebook.Execution.Transport;

/// <summary>The peer closed the connection, broke the protocol or sent an ERROR command.</summary>
public sealed class ZmtpException(string message, Exception? inner = null) : IOException(message, inner);
