package dev.outpost.agent.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import dev.outpost.agent.config.AccessLogConfig;
import dev.outpost.serve.ServeSettings;
import org.slf4j.LoggerFactory;

/**
 * Routes the endpoint's access-log lines ({@link ServeSettings#ACCESS_LOGGER}) to stdout or to a
 * file rotated by size, message only (each line is already a JSON object or logfmt), and never to
 * the diagnostic log on stderr. Logback's own rolling appender does the rotation.
 */
public final class AccessLogSetup {
  private static final String APPENDER = "ACCESS";

  private AccessLogSetup() {}

  /** Installs the appender for {@code config}; a later call replaces the earlier one. */
  public static void install(AccessLogConfig config) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger logger = context.getLogger(ServeSettings.ACCESS_LOGGER);
    logger.detachAndStopAllAppenders();
    OutputStreamAppender<ILoggingEvent> appender = config.fileValue()
        .map(file -> rolling(context, config, file.toString()))
        .orElseGet(AccessLogSetup::stdout);
    appender.setContext(context);
    appender.setName(APPENDER);
    appender.setEncoder(messageOnly(context));
    appender.start();
    logger.setAdditive(false);
    logger.setLevel(Level.INFO);
    logger.addAppender(appender);
  }

  private static OutputStreamAppender<ILoggingEvent> stdout() {
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setTarget("System.out");
    return console;
  }

  private static OutputStreamAppender<ILoggingEvent> rolling(LoggerContext context, AccessLogConfig config,
      String file) {
    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setFile(file);
    FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
    rolling.setContext(context);
    rolling.setParent(appender);
    rolling.setFileNamePattern(file + ".%i");
    rolling.setMinIndex(1);
    rolling.setMaxIndex(config.maxFiles());
    rolling.start();
    SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
    trigger.setContext(context);
    trigger.setMaxFileSize(new FileSize(config.maxSize().bytes()));
    // Logback looks at the size at most this often (its default is a minute): a file may overshoot by
    // a second of lines, never by a minute of a rollout's.
    trigger.setCheckIncrement(Duration.buildBySeconds(1));
    trigger.start();
    appender.setRollingPolicy(rolling);
    appender.setTriggeringPolicy(trigger);
    return appender;
  }

  private static PatternLayoutEncoder messageOnly(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.start();
    return encoder;
  }
}
