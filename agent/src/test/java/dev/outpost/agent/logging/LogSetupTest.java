package dev.outpost.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  /**
   * The process's own logging (found through META-INF/services, not the test's context): a line
   * logged through SLF4J reaches stderr in this format, redacted, and library INFO stays out. The
   * console appender writes to whatever {@code System.err} is at the time, so the test swaps it.
   */
  @Test
  void theRunningProcessUsesThisSetup() {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    try {
      LoggerFactory.getLogger("dev.outpost.test").warn("parent said no to Authorization: Basic dXNlcjpodW50ZXIy");
      LoggerFactory.getLogger("org.example.library").info("a library info line");
    } finally {
      System.setErr(original);
    }

    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .containsPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z WARN  \\[[^]]+] dev\\.outpost\\.test: "
            + "parent said no to Authorization: Basic \\*\\*\\*\\R")
        .doesNotContain("dXNlcjpodW50ZXIy", "a library info line");
  }
}
