package dev.outpost.sync.engine;

import dev.outpost.store.LocalStore;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes local tags the selection no longer wants, safely: a tag that is neither wanted (selected
 * by its rule among the parent's tags) nor protected ({@code keepDeleted} keeps tags gone from the
 * parent, not tags a rule stopped selecting) is recorded as missing the first time a pass sees it
 * so, and removed by the first pass at or after that sighting plus {@code sync.deleteGrace}. A tag
 * that comes back before then is kept and its record forgotten. The sighting is durable
 * ({@link dev.outpost.store.MissingTags}), so a restart does not restart the grace period.
 * Only the tag goes; its manifest and blobs stay, pullable by digest, until garbage collection.
 */
final class TagDeletions {
  private final LocalStore store;
  private final PassActions actions;
  private final Duration grace;
  private final Clock clock;

  TagDeletions(LocalStore store, PassActions actions, Duration grace, Clock clock) {
    this.store = store;
    this.actions = actions;
    this.grace = grace;
    this.clock = clock;
  }

  /**
   * Applies deletions to {@code repo}, whose parent lists {@code upstream} (empty for a repository
   * gone from the parent or dropped from the selection) of which the pass wants {@code wanted}.
   */
  void apply(RepositoryName repo, Set<Tag> upstream, Set<Tag> wanted, boolean keepDeleted) {
    Instant now = clock.instant();
    Map<Tag, Instant> missing = store.missingTags(repo);
    List<Tag> local = store.tags(repo);
    for (Tag tag : local) {
      boolean keep = wanted.contains(tag) || (keepDeleted && !upstream.contains(tag));
      if (keep) {
        if (missing.containsKey(tag)) {
          actions.clearMissing(repo, tag);
        }
        continue;
      }
      Instant firstSeen = missing.get(tag);
      if (firstSeen == null) {
        firstSeen = now;
        actions.markMissing(repo, tag, now);
      }
      Instant due = firstSeen.plus(grace);
      if (now.isBefore(due)) {
        actions.changes().deletionPending(repo, tag, due);
      } else {
        actions.removeTag(repo, tag);
      }
    }
    // Records of tags that are gone locally too (removed, or a crash between the two writes).
    Set<Tag> present = new HashSet<>(local);
    missing.keySet().stream().filter(t -> !present.contains(t)).forEach(t -> actions.clearMissing(repo, t));
    // Evictions of tags the selection no longer wants: nothing left to skip.
    store.evictedTags(repo).stream().filter(e -> !wanted.contains(e.tag())).forEach(e -> actions.clearEvicted(repo, e.tag()));
  }
}
