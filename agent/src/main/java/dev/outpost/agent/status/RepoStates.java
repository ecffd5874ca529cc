package dev.outpost.agent.status;

/**
 * Decides the state an operator sees from the recorded one and the window: a parent that cannot be
 * reached is not a failure of the repository ({@code offline} in a window, {@code waiting for
 * window} outside it), a pass stopped at the window's end is {@code paused: window closed}, and a
 * repository with nothing to do until the window opens is {@code waiting for window}.
 */
public final class RepoStates {
  public static final String OFFLINE = "offline";
  public static final String WAITING = "waiting for window";
  public static final String PAUSED = "paused: window closed";
  /** How ParentFailure words an unreachable parent; a store read without the daemon has only the text. */
  static final String UNREACHABLE_PREFIX = "cannot reach the parent";

  private RepoStates() {}

  /**
   * {@code recorded}: the state the store's record gives ({@code synced}, {@code failed},
   * {@code pending}, {@code syncing}, {@code interrupted}, {@code present}); {@code lastError} its
   * error; {@code parentUnreachable}: this process's last pass could not reach the parent.
   */
  public static String of(String recorded, String lastError, boolean windowOpen, boolean parentUnreachable) {
    boolean unreachable = parentUnreachable || (lastError != null && lastError.startsWith(UNREACHABLE_PREFIX));
    return switch (recorded) {
      case "syncing", "synced", "present" -> recorded;
      case "failed" -> unreachable ? (windowOpen ? OFFLINE : WAITING) : recorded;
      case "interrupted" -> windowOpen ? recorded : PAUSED;
      case "pending" -> windowOpen ? recorded : lastError != null ? PAUSED : WAITING;
      default -> recorded;
    };
  }
}
