package dev.outpost.agent.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Outpost's logging, set up in code (found by logback through {@code META-INF/services}) instead
 * of a {@code logback.xml}: reading the XML started a SAX parser and logback's model builder,
 * a seventh of the start-up of every command.
 *
 * <p>Logs go to stderr so that stdout carries only command output (JSON for scripts). Outpost's
 * own loggers log at {@code OUTPOST_LOG_LEVEL} (default INFO), libraries at WARN (Azure Identity and
 * MSAL not at all unless that level is DEBUG or TRACE: they log the failures Outpost reports). Secrets are
 * redacted where they are produced; {@code %redactedMsg} and {@code %redactedEx} ({@link Redactor})
 * are a second line of defence for anything that slips through (Authorization headers, passwords
 * in strings), in messages and in the messages of logged exceptions alike.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{24}: %redactedMsg%n%redactedEx";
  static final String LEVEL_VARIABLE = "OUTPOST_LOG_LEVEL";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setTarget("System.err");
    apply(context, stderr, System.getenv(LEVEL_VARIABLE));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Sends every log line of {@code context} to {@code out}; tests read it there. */
  static void apply(LoggerContext context, OutputStream out, String level) {
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setOutputStream(out);
    apply(context, appender, level);
  }

  private static void apply(LoggerContext context, OutputStreamAppender<ILoggingEvent> appender, String level) {
    registerRedactingConverters(context);
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    appender.setContext(context);
    appender.setName("STDERR");
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(appender);
    Level outpost = Level.toLevel(level, Level.INFO);
    context.getLogger("dev.outpost").setLevel(outpost);
    // Azure Identity and MSAL log a failed token request as an ERROR of their own, then throw; Outpost
    // reports the failure once (the pass's reason, status). Heard only when Outpost itself debugs.
    Level azure = outpost.isGreaterOrEqual(Level.INFO) ? Level.OFF : Level.WARN;
    context.getLogger("com.azure").setLevel(azure);
    context.getLogger("com.microsoft.aad.msal4j").setLevel(azure);
  }

  @SuppressWarnings("unchecked")
  private static void registerRedactingConverters(LoggerContext context) {
    Map<String, Supplier<DynamicConverter<?>>> rules =
        (Map<String, Supplier<DynamicConverter<?>>>) context.getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
    if (rules == null) {
      rules = new HashMap<>();
      context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);
    }
    rules.put("redactedMsg", RedactingMessageConverter::new);
    // A throwable converter in the pattern also stops logback from appending its own, unredacted %ex.
    rules.put("redactedEx", RedactingThrowableConverter::new);
  }
}
