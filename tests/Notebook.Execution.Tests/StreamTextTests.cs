using Shouldly;
using Xunit;

namespace Notebook.Execution.Tests;

public sealed class StreamTextTests
{
    [Fact]
    public void Below_the_limit_the_text_is_kept_whole()
    {
        var text = new StreamText("ab", 100);
        for (var i = 0; i < 10; i++) text.Append("cdef");
        text.ToString().ShouldBe("ab" + string.Concat(Enumerable.Repeat("cdef", 10)));
        text.Omitted.ShouldBe(0);
    }

    [Fact]
    public void Past_the_limit_head_and_tail_stay_with_a_marker_counting_what_was_left_out()
    {
        var text = new StreamText("", 1000);
        var lines = Enumerable.Range(0, 10_000).Select(i => $"line {i:D5}\n").ToList();
        foreach (var line in lines) text.Append(line);

        var all = string.Concat(lines);
        var kept = text.ToString();
        text.Omitted.ShouldBe(all.Length - 1000);
        kept.ShouldStartWith(all[..500]);
        kept.ShouldEndWith(all[^500..]);
        kept.ShouldContain($"[nbrun: {all.Length - 1000:N0} characters of this output were left out here");
        kept.Length.ShouldBeLessThan(1000 + 250);
    }

    [Fact]
    public void One_huge_write_is_cut_the_same_way()
    {
        var huge = new string('a', 600) + new string('b', 10_000) + new string('c', 600);
        var text = new StreamText(huge, 1000);
        text.Omitted.ShouldBe(huge.Length - 1000);
        var kept = text.ToString();
        kept.ShouldStartWith(new string('a', 500));
        kept.ShouldEndWith(new string('c', 500));
    }
}
