package dev.outpost.agent.status;

import java.time.Instant;

/**
 * One line of {@code outpost status}. {@code state} is {@code synced}, {@code failed},
 * {@code pending}, {@code syncing} (a process is syncing it now), {@code interrupted} (a pass was
 * syncing it when its process died: killed, crashed, rebooted) or {@code present} (content without
 * a sync record). {@code partialBytes} are the durable bytes of its partial downloads, which the
 * next pass keeps and resumes from.
 *
 * <p>A repository whose content last came from a bundle shows its last import ({@code lastImport})
 * instead of a sync state: {@code imported}, {@code waiting} (tags wait for a part not imported yet)
 * or {@code failed}; {@code lastSuccess} and {@code lastAttempt} are then the import's time.
 *
 * <p>Where the sync window is known ({@link SyncOutlook}), the state also tells the window apart:
 * {@code waiting for window}, {@code paused: window closed} and {@code offline} ({@link RepoStates}),
 * and {@code progress} carries bytes, rate, ETA and the next opening; otherwise {@code progress} is null.
 */
public record RepoStatus(
    String repository, String state, Instant lastSuccess, Instant lastAttempt, int tags, long bytes, String lastError,
    long partialBytes, RepoImport lastImport, RepoProgress progress) {

  /** Without progress figures (a report built without the sync window at hand). */
  public RepoStatus(String repository, String state, Instant lastSuccess, Instant lastAttempt, int tags, long bytes,
      String lastError, long partialBytes, RepoImport lastImport) {
    this(repository, state, lastSuccess, lastAttempt, tags, bytes, lastError, partialBytes, lastImport, null);
  }

  /** The same repository in {@code state}, with {@code progress}. */
  public RepoStatus withProgress(String state, RepoProgress progress) {
    return new RepoStatus(repository, state, lastSuccess, lastAttempt, tags, bytes, lastError, partialBytes, lastImport,
        progress);
  }

  /** A repository with no import. */
  public RepoStatus(String repository, String state, Instant lastSuccess, Instant lastAttempt, int tags, long bytes,
      String lastError, long partialBytes) {
    this(repository, state, lastSuccess, lastAttempt, tags, bytes, lastError, partialBytes, null);
  }
}
