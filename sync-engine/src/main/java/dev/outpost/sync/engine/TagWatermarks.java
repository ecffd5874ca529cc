package dev.outpost.sync.engine;

import dev.outpost.store.ListingWatermarks;
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
 * <p>{@link #keptIn} keeps the marks in the local store, so a new process (a restart of
 * {@code outpost run}, each {@code outpost sync --once}) resumes them; {@link #TagWatermarks()}
 * keeps them in memory only (a source that gives no tag times, tests).
 */
public final class TagWatermarks {
  private final ListingWatermarks marks;
  private final boolean writable;

  /** Marks in memory for this object's life. */
  public TagWatermarks() {
    this(new InMemory(), true);
  }

  private TagWatermarks(ListingWatermarks marks, boolean writable) {
    this.marks = marks;
    this.writable = writable;
  }

  /** Marks kept durably in {@code store}'s index. */
  public static TagWatermarks keptIn(ListingWatermarks store) {
    return new TagWatermarks(store, true);
  }

  /** The same marks, but {@link #advance} does nothing: a dry run must not let a later pass skip what it did not sync. */
  TagWatermarks readOnly() {
    return new TagWatermarks(marks, false);
  }

  Optional<Instant> get(String parent, RepositoryName repo) {
    return marks.watermark(parent, repo);
  }

  /**
   * Moves {@code repo}'s mark to {@code newest} unless it is already later. Not atomic across
   * processes or threads: one pass at a time syncs a repository, and it alone moves its mark.
   */
  void advance(String parent, RepositoryName repo, Instant newest) {
    if (writable && marks.watermark(parent, repo).map(newest::isAfter).orElse(true)) {
      marks.putWatermark(parent, repo, newest);
    }
  }

  /** Forgets {@code repo}'s mark (a pass that failed part of it: every tag is asked about next time). */
  void forget(String parent, RepositoryName repo) {
    if (writable) {
      marks.forgetWatermark(parent, repo);
    }
  }

  /** Marks in a map, for the life of the process. */
  private static final class InMemory implements ListingWatermarks {
    private final Map<String, Instant> marks = new ConcurrentHashMap<>();

    @Override
    public Optional<Instant> watermark(String parent, RepositoryName repository) {
      return Optional.ofNullable(marks.get(key(parent, repository)));
    }

    @Override
    public void putWatermark(String parent, RepositoryName repository, Instant mark) {
      marks.put(key(parent, repository), mark);
    }

    @Override
    public void forgetWatermark(String parent, RepositoryName repository) {
      marks.remove(key(parent, repository));
    }

    private static String key(String parent, RepositoryName repo) {
      return parent + "\n" + repo.value();
    }
  }
}
