package dev.outpost.sync.engine;

import dev.outpost.store.model.RepositoryName;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per repository of a parent address, the newest {@code lastUpdateTime} of a pass that synced every
 * tag it wanted (ACR's incremental plan: a tag that has not changed since is not asked about again
 * while the store still holds it). Times are the parent's own, so they are kept per parent address:
 * another registry's clock says nothing about this one's tags.
 *
 * <p>Kept in memory for the life of the process (shared by the engines a running Outpost replaces
 * when its parent settings change); after a restart the first pass checks every tag by HEAD, as it
 * does on any registry, and sets the marks again.
 */
public final class TagWatermarks {
  private final Map<String, Instant> marks;
  private final boolean writable;

  public TagWatermarks() {
    this(new ConcurrentHashMap<>(), true);
  }

  private TagWatermarks(Map<String, Instant> marks, boolean writable) {
    this.marks = marks;
    this.writable = writable;
  }

  /** The same marks, but {@link #advance} does nothing: a dry run must not let a later pass skip what it did not sync. */
  TagWatermarks readOnly() {
    return new TagWatermarks(marks, false);
  }

  Optional<Instant> get(String parent, RepositoryName repo) {
    return Optional.ofNullable(marks.get(key(parent, repo)));
  }

  void advance(String parent, RepositoryName repo, Instant newest) {
    if (writable) {
      marks.merge(key(parent, repo), newest, (a, b) -> a.isAfter(b) ? a : b);
    }
  }

  /** Forgets {@code repo}'s mark (a pass that failed part of it: every tag is asked about next time). */
  void forget(String parent, RepositoryName repo) {
    if (writable) {
      marks.remove(key(parent, repo));
    }
  }

  private static String key(String parent, RepositoryName repo) {
    return parent + "\n" + repo.value();
  }
}
