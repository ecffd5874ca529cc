package dev.outpost.agent.runtime;

import dev.outpost.agent.config.ConfigException;
import dev.outpost.agent.config.ListenAddress;
import java.net.BindException;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Starts a listener and turns a failure to bind its address into a configuration error naming the
 * address and its key ({@code cannot listen on 127.0.0.1:8080: address already in use
 * (serve.listen)}): the site engineer fixes it in the configuration or by stopping the other
 * process, and a stack trace would only hide that line.
 */
final class Listeners {
  private Listeners() {}

  static <T> T bind(String key, ListenAddress address, Supplier<T> start) {
    try {
      return start.get();
    } catch (RuntimeException e) {
      BindException bind = bindFailure(e);
      if (bind == null) {
        throw e;
      }
      throw new ConfigException("cannot listen on " + address + ": " + why(bind) + " (" + key + ")", e);
    }
  }

  private static BindException bindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException b) {
        return b;
      }
    }
    return null;
  }

  /** The OS's reason in lower case ("address already in use", "cannot assign requested address"). */
  private static String why(BindException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.toLowerCase(Locale.ROOT).contains("already in use")) {
      return "address already in use";
    }
    String reason = message.contains(":") ? message.substring(message.lastIndexOf(':') + 1).strip() : message;
    return reason.isEmpty() ? "the address cannot be bound" : reason.toLowerCase(Locale.ROOT);
  }
}
