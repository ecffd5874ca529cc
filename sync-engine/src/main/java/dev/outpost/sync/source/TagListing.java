package dev.outpost.sync.source;

import dev.outpost.store.model.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every tag of a repository and, where the source keeps them (ACR's {@code lastUpdateTime}), when
 * each tag last changed, in the source's own clock. A tag without a time is always re-checked.
 */
public record TagListing(List<Tag> tags, Map<Tag, Instant> lastUpdated) {
  public TagListing {
    tags = List.copyOf(tags);
    lastUpdated = Map.copyOf(lastUpdated);
  }

  /** A listing without times (the distribution API's {@code tags/list}). */
  public static TagListing untimed(List<Tag> tags) {
    return new TagListing(tags, Map.of());
  }

  /** When {@code tag} last changed upstream, if the source said. */
  public Optional<Instant> lastUpdated(Tag tag) {
    return Optional.ofNullable(lastUpdated.get(tag));
  }

  /** The latest change among the tags, if the source gave times for all of them. */
  public Optional<Instant> newest() {
    if (lastUpdated.isEmpty() || !lastUpdated.keySet().containsAll(tags)) {
      return Optional.empty();
    }
    return lastUpdated.values().stream().max(Instant::compareTo);
  }
}
