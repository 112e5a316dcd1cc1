using System.Text;
using System.Text.Json.Nodes;
using Notebook.Execution.Messaging;
using Shouldly;
using Xunit;

namespace Notebook.Execution.Tests;

public sealed class MessageSignerTests
{
    private static ReadOnlyMemory<byte>[] Parts(params string[] parts) => parts.Select(p => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(p)).ToArray();

    [Fact]
    public void Sign_MatchesPythonHmacSha256HexOverTheFourParts()
    {
        // python3 -c "import hmac,hashlib; print(hmac.new(b'secret-key', b'{\"a\":1}{}{}{\"b\":2}', hashlib.sha256).hexdigest())"
        new MessageSigner("secret-key").Sign(Parts("{\"a\":1}", "{}", "{}", "{\"b\":2}"))
            .ShouldBe("ae76aeefcff0c221ecc815b72f45810b47290f404ee280ab6c161755f7ddc94b");
    }

    [Fact]
    public void Sign_WithEmptyKey_IsEmpty()
    {
        new MessageSigner("").Sign(Parts("{}", "{}", "{}", "{}")).ShouldBe("");
    }

    [Fact]
    public void Parse_RoundTripsAndSkipsTopicFrames()
    {
        var session = new JupyterSession("k");
        var message = session.CreateMessage("execute_request", new JsonObject { ["code"] = "1+1" });
        var frames = new List<byte[]> { "execute_input"u8.ToArray() };
        frames.AddRange(session.Serialize(message).Select(f => f.ToArray()));

        var parsed = session.Parse(frames);

        parsed.MsgType.ShouldBe("execute_request");
        parsed.MsgId.ShouldBe(message.MsgId);
        parsed.Header["version"]!.ToString().ShouldBe("5.3");
        parsed.Content["code"]!.ToString().ShouldBe("1+1");
    }

    [Fact]
    public void Parse_RejectsATamperedContentOrAForeignKey()
    {
        var session = new JupyterSession("k");
        var frames = session.Serialize(session.CreateMessage("execute_request", new JsonObject { ["code"] = "1" })).Select(f => f.ToArray()).ToList();
        var tampered = frames.ToList();
        tampered[5] = Encoding.UTF8.GetBytes("{\"code\":\"import os; os.system('rm -rf /')\"}");

        Should.Throw<InvalidMessageSignatureException>(() => session.Parse(tampered));
        Should.Throw<InvalidMessageSignatureException>(() => new JupyterSession("other-key").Parse(frames));
    }

    [Fact]
    public void CreateMessage_GivesUniqueIdsAndAnIsoDate()
    {
        var session = new JupyterSession("k");
        var ids = Enumerable.Range(0, 1000).Select(_ => session.CreateMessage("x", []).MsgId).ToHashSet();
        ids.Count.ShouldBe(1000);
        var date = session.CreateMessage("x", []).Date!;
        DateTimeOffset.Parse(date, System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        date.ShouldEndWith("Z");
    }
}
