package dev.outpost.sync.engine;

import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.util.List;
import java.util.Optional;

/**
 * How one repository fared in a pass: synced, failed (with a one-line reason), or stopped. A synced
 * repository may still have tags {@code waiting} for content the source does not hold yet (a bundle
 * part not imported yet): nothing failed, their images are not complete, their tags stay as they were.
 */
public record RepoResult(RepositoryName repository, Outcome outcome, Optional<String> reason, int tagCount,
    List<Tag> waiting) {

  /** The outcome of one repository. */
  public enum Outcome { OK, FAILED, STOPPED }

  public RepoResult {
    waiting = List.copyOf(waiting);
  }

  public static RepoResult ok(RepositoryName repository, int tagCount) {
    return ok(repository, tagCount, List.of());
  }

  public static RepoResult ok(RepositoryName repository, int tagCount, List<Tag> waiting) {
    return new RepoResult(repository, Outcome.OK, Optional.empty(), tagCount, waiting);
  }

  public static RepoResult failed(RepositoryName repository, String reason) {
    return new RepoResult(repository, Outcome.FAILED, Optional.of(reason), 0, List.of());
  }

  public static RepoResult stopped(RepositoryName repository) {
    return new RepoResult(repository, Outcome.STOPPED, Optional.of("stopped before finishing (window end or shutdown)"), 0,
        List.of());
  }

  public boolean ok() {
    return outcome == Outcome.OK;
  }
}
