package dev.outpost.sync.select;

import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.model.Platform;
import dev.outpost.store.model.RepositoryName;
import java.util.List;
import java.util.OptionalInt;

/**
 * One entry of {@code sync.repositories}: which repositories ({@code name}, exact or
 * {@code prefix/*}), which of their tags ({@code tags}, then {@code keepLatest}: the newest N by
 * semantic version when every candidate parses as one, else by the image's creation time), which
 * platforms out of indexes ({@code platforms}; empty means the global {@code sync.platforms}),
 * whether the quota may evict them ({@code pinned}), whether tags deleted upstream stay
 * ({@code keepDeleted}), how soon in a pass they are synced ({@code priority}: higher first;
 * default 0), and whether the referrers of synced manifests (signatures, SBOMs, attestations) come
 * with them ({@code referrers}). A plain string entry is {@link #all}: every tag, nothing special.
 */
public record RepositoryRule(
    RepositoryPattern name,
    TagFilter tags,
    OptionalInt keepLatest,
    List<Platform> platforms,
    boolean pinned,
    boolean keepDeleted,
    int priority,
    boolean referrers) {

  /** A rule of the default priority, 0, without referrers. */
  public RepositoryRule(RepositoryPattern name, TagFilter tags, OptionalInt keepLatest, List<Platform> platforms,
      boolean pinned, boolean keepDeleted) {
    this(name, tags, keepLatest, platforms, pinned, keepDeleted, 0, false);
  }

  /** A rule without referrers. */
  public RepositoryRule(RepositoryPattern name, TagFilter tags, OptionalInt keepLatest, List<Platform> platforms,
      boolean pinned, boolean keepDeleted, int priority) {
    this(name, tags, keepLatest, platforms, pinned, keepDeleted, priority, false);
  }

  public RepositoryRule {
    if (name == null) {
      throw new InvalidRuleException("name", "is required (an exact repository name or prefix/*)");
    }
    tags = tags == null ? TagFilter.ALL : tags;
    keepLatest = keepLatest == null ? OptionalInt.empty() : keepLatest;
    if (keepLatest.isPresent() && keepLatest.getAsInt() < 1) {
      throw new InvalidRuleException("keepLatest", "must be 1 or more (got " + keepLatest.getAsInt()
          + "); leave it out to keep every selected tag");
    }
    platforms = platforms == null ? List.of() : List.copyOf(platforms);
  }

  /** Every tag of the repositories {@code name} selects, with the global platforms. */
  public static RepositoryRule all(RepositoryPattern name) {
    return new RepositoryRule(name, TagFilter.ALL, OptionalInt.empty(), List.of(), false, false, 0, false);
  }

  public boolean matches(RepositoryName repository) {
    return name.matches(repository);
  }

  /** The repository pattern, as written. */
  @Override
  public String toString() {
    return name.toString();
  }

  /**
   * The rule that governs {@code repository} among {@code rules}: an exact name before any wildcard,
   * then the longest wildcard prefix, then the first written.
   */
  public static java.util.Optional<RepositoryRule> governing(List<RepositoryRule> rules, RepositoryName repository) {
    RepositoryRule best = null;
    for (RepositoryRule rule : rules) {
      if (rule.matches(repository) && (best == null || specificity(rule) > specificity(best))) {
        best = rule;
      }
    }
    return java.util.Optional.ofNullable(best);
  }

  private static int specificity(RepositoryRule rule) {
    return rule.name.isWildcard() ? rule.name.prefix().length() : Integer.MAX_VALUE;
  }
}
