using Notebook.Deployment.Settings;
using Shouldly;
using Xunit;

namespace Notebook.Deployment.Tests.Settings;

public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("* * * * *")]
    [InlineData("0 6 * * *")]
    [InlineData("0 6 * * 1-5")]
    [InlineData("*/15 * * * *")]
    [InlineData("5/10 0-23/2 1,15 * ?")]
    [InlineData("0 0 1 JAN,jul *")]
    [InlineData("30 2 * * SUN-SAT")]
    [InlineData("0 6  *  * mon")]
    [InlineData("59 23 31 12 6")]
    [InlineData("@hourly")]
    [InlineData("@daily")]
    [InlineData("@midnight")]
    [InlineData("@weekly")]
    [InlineData("@monthly")]
    [InlineData("@yearly")]
    [InlineData("@annually")]
    [InlineData("@DAILY")]
    public void Accepts_what_a_CronJob_accepts(string text) =>
        CronSchedule.TryParse(text, out var reason).ShouldNotBeNull(reason);

    [Theory]
    [InlineData("", "empty")]
    [InlineData("* * * *", "4 fields")]
    [InlineData("0 0 * * * *", "6 fields")]
    [InlineData("60 * * * *", "minute")]
    [InlineData("* 24 * * *", "hour")]
    [InlineData("* * 0 * *", "day of month")]
    [InlineData("* * 32 * *", "day of month")]
    [InlineData("* * * 13 *", "month")]
    [InlineData("* * * * 7", "day of week")]
    [InlineData("* * * * FUNDAY", "day of week")]
    [InlineData("*/0 * * * *", "step")]
    [InlineData("*/x * * * *", "step")]
    [InlineData("10-5 * * * *", "start is after its end")]
    [InlineData("1-2-3 * * * *", "bad range")]
    [InlineData("1/2/3 * * * *", "more than one")]
    [InlineData("@every 5m", "@every")]
    [InlineData("@often", "not a known macro")]
    [InlineData("TZ=Europe/Paris 0 6 * * *", "TimeZone")]
    [InlineData("CRON_TZ=UTC 0 6 * * *", "TimeZone")]
    [InlineData("L * * * *", "minute")]
    public void Refuses_with_the_reason(string text, string reasonPart)
    {
        CronSchedule.TryParse(text, out var reason).ShouldBeNull();
        reason.ShouldNotBeNull().ShouldContain(reasonPart);
    }
}
