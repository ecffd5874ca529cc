package dev.outpost.serve.children;

/**
 * Where the reports that child Outposts post after each pass go (the agent keeps the latest per
 * child under its storage). Serve only authenticates and caps the body; the receiver parses it.
 */
@FunctionalInterface
public interface ChildReports {
  /** No receiver: the route answers as an unknown endpoint. */
  ChildReports NONE = (token, body) -> {
    throw new UnsupportedOperationException("child reports are not taken here");
  };

  /**
   * Keeps {@code body} as the latest report of the child that authenticated as client token {@code token}.
   *
   * @throws IllegalArgumentException when the body is not a report (the message says why)
   */
  void accept(String token, byte[] body);
}
