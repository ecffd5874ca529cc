package dev.outpost.agent.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %ex} with secrets masked by {@link Redactor}; registered as {@code %redactedEx}.
 * An exception's message (and its causes') can carry what a request or a connection string held.
 */
public final class RedactingThrowableConverter extends ThrowableProxyConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return Redactor.redact(super.convert(event));
  }
}
