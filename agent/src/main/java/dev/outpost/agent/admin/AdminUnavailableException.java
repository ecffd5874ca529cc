package dev.outpost.agent.admin;

/** The running Outpost's admin API could not be reached or refused the call. */
public final class AdminUnavailableException extends RuntimeException {
  public AdminUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
