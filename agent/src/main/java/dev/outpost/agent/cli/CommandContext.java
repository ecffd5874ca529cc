package dev.outpost.agent.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/**
 * What commands need from the process: environment, output streams, the clock. Passed in rather
 * than read from statics so that commands run in tests exactly as in production.
 */
public record CommandContext(Map<String, String> environment, PrintWriter out, PrintWriter err, Clock clock) {
  public CommandContext {
    environment = Map.copyOf(environment);
  }
}
