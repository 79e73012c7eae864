using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace StreamCx.Kafka;

/// <summary>Forwards librdkafka's own log lines to an <see cref="ILogger"/>.</summary>
internal static class LibrdkafkaLog
{
    public static void Forward(ILogger logger, LogMessage message)
    {
        // FAIL lines (a broker connection failed) repeat what the error callback reports, throttled, there.
        var level = message.Facility == "FAIL" ? LogLevel.Debug : ToLogLevel(message.Level);
        if (logger.IsEnabled(level))
        {
            logger.Librdkafka(level, message.Name, message.Facility, message.Message);
        }
    }

    public static LogLevel ToLogLevel(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}
