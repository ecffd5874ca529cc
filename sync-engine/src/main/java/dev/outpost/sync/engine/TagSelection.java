package dev.outpost.sync.engine;

import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.select.RepositoryRule;
import dev.outpost.sync.select.SemanticVersion;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which upstream tags of a repository a rule selects: those its tag filter admits, then, with
 * {@code keepLatest: N}, the newest N of them. Newest is by semantic version when every candidate
 * parses as one (no request), otherwise by image creation time for all candidates ({@link
 * CreationTimes}, asked only when there are more candidates than N). Ties go to the greater tag, so
 * the choice is the same on every pass. The result keeps the parent's order.
 */
final class TagSelection {
  private final CreationTimes times;

  TagSelection(CreationTimes times) {
    this.times = times;
  }

  List<Tag> select(RepositoryName repo, RepositoryRule rule, List<Tag> upstream) throws IOException {
    List<Tag> candidates = upstream.stream().filter(rule.tags()::selects).toList();
    if (rule.keepLatest().isEmpty() || candidates.size() <= rule.keepLatest().getAsInt()) {
      return candidates;
    }
    Set<Tag> kept = new HashSet<>(newestFirst(repo, rule, candidates).subList(0, rule.keepLatest().getAsInt()));
    return candidates.stream().filter(kept::contains).toList();
  }

  private List<Tag> newestFirst(RepositoryName repo, RepositoryRule rule, List<Tag> candidates) throws IOException {
    Comparator<Tag> byName = Comparator.comparing(Tag::value);
    Map<Tag, SemanticVersion> versions = new HashMap<>();
    candidates.forEach(t -> SemanticVersion.parse(t.value()).ifPresent(v -> versions.put(t, v)));
    if (versions.size() == candidates.size()) {
      return candidates.stream().sorted(Comparator.comparing((Tag t) -> versions.get(t)).thenComparing(byName).reversed()).toList();
    }
    Map<Tag, Instant> created = new HashMap<>();
    for (Tag tag : candidates) {
      created.put(tag, times.of(repo, rule, tag).orElse(Instant.MIN));
    }
    return candidates.stream().sorted(Comparator.comparing((Tag t) -> created.get(t)).thenComparing(byName).reversed()).toList();
  }
}
