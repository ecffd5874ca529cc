package dev.outpost.sync.engine;

import dev.outpost.store.model.RepositoryName;
import java.util.Optional;

/** How one repository fared in a pass: synced, failed (with a one-line reason), or stopped. */
public record RepoResult(RepositoryName repository, Outcome outcome, Optional<String> reason, int tagCount) {

  /** The outcome of one repository. */
  public enum Outcome { OK, FAILED, STOPPED }

  public static RepoResult ok(RepositoryName repository, int tagCount) {
    return new RepoResult(repository, Outcome.OK, Optional.empty(), tagCount);
  }

  public static RepoResult failed(RepositoryName repository, String reason) {
    return new RepoResult(repository, Outcome.FAILED, Optional.of(reason), 0);
  }

  public static RepoResult stopped(RepositoryName repository) {
    return new RepoResult(repository, Outcome.STOPPED, Optional.of("stopped before finishing (window end or shutdown)"), 0);
  }

  public boolean ok() {
    return outcome == Outcome.OK;
  }
}
