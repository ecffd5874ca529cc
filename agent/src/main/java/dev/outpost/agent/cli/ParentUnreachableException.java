package dev.outpost.agent.cli;

/** The parent registry could not be reached at all (connection refused, DNS, TLS, bad credentials). */
public final class ParentUnreachableException extends RuntimeException {
  public ParentUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
