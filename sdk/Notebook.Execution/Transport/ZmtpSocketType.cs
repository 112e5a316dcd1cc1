namespace Notebook.Execution.Transport;

/// <summary>The ZeroMQ socket types this client speaks (RFC 28 names, sent in the READY command).</summary>
public enum ZmtpSocketType
{
    Dealer,
    Sub,
    Req,
}
