package dev.outpost.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The logging set up in code: format, levels, and redaction, on a context of the test's own. */
class LogSetupTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private LoggerContext context(String level) {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter()); // what SLF4J's binding gives the process's context
    LogSetup.apply(context, out, level);
    return context;
  }

  private String written() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void outpostLogsAtInfoWithSecretsRedactedAndLibrariesOnlyFromWarn() {
    LoggerContext context = context(null);
    Logger outpost = context.getLogger("dev.outpost.sync.Engine");
    Logger library = context.getLogger("org.eclipse.jetty.server.Server");

    outpost.info("parent said no to Authorization: Basic dXNlcjpodW50ZXIy");
    outpost.debug("a debug line");
    library.info("a library info line");
    library.warn("a library warning");
    context.stop();

    assertThat(written())
        .matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  \\[[^]]+] dev\\.outpost\\.sync\\.Engine: "
            + "parent said no to Authorization: Basic \\*\\*\\*\\R.*")
        .doesNotContain("dXNlcjpodW50ZXIy", "a debug line", "a library info line")
        .contains("WARN  ", "a library warning");
  }

  @Test
  void exceptionMessagesAndTheirCausesAreRedacted() {
    LoggerContext context = context(null);
    Exception failure = new IllegalStateException("parent refused password=hunter2",
        new java.io.IOException("sent Authorization: Bearer eyJhbGciOi.secret"));

    context.getLogger("dev.outpost.sync.Engine").warn("sync failed", failure);
    context.stop();

    assertThat(written())
        .contains("sync failed", "IllegalStateException: parent refused password=***",
            "Caused by: java.io.IOException: sent Authorization: Bearer ***", "\tat ")
        .doesNotContain("hunter2", "eyJhbGciOi");
  }

  @Test
  void theLevelVariableTurnsOnDebug() {
    LoggerContext context = context("DEBUG");

    context.getLogger("dev.outpost.x").debug("a debug line");
    context.stop();

    assertThat(written()).contains("DEBUG", "a debug line");
  }

  @Test
  void theRunningProcessUsesThisSetup() {
    // Found through META-INF/services: the pattern's redacting converter is in force.
    org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger("dev.outpost.test");
    assertThat(((ch.qos.logback.classic.Logger) logger).getLoggerContext().getLogger("ROOT").getAppender("STDERR"))
        .isNotNull();
  }
}
