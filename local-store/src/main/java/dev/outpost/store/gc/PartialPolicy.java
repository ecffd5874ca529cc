package dev.outpost.store.gc;

import dev.outpost.store.PartialBlob;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.model.RepositoryName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which partial downloads garbage collection removes: those untouched for {@code ttl}
 * ({@code store.partialTtl}), and those no selected repository needs any more: a partial records
 * its source ({@code parent:<repository>}, written by the sync engine's fetcher), and when no
 * pattern of the selection matches that repository, no pass will resume it. A partial whose
 * source says nothing of a repository goes by age only.
 */
public record PartialPolicy(List<RepositoryPattern> selected, Duration ttl) {
  public static final Duration DEFAULT_TTL = Duration.ofDays(7);
  private static final String PARENT_SOURCE = "parent:";

  public PartialPolicy {
    selected = List.copyOf(selected);
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("partialTtl must not be negative: " + ttl);
    }
  }

  /** The reason to remove {@code partial} at {@code now}, or empty to keep it. */
  Optional<String> reasonToRemove(PartialBlob partial, Instant now) {
    if (partial.lastModified().isBefore(now.minus(ttl))) {
      return Optional.of("untouched for more than " + ttl);
    }
    return repositoryOf(partial)
        .filter(repository -> selected.stream().noneMatch(p -> p.matches(repository)))
        .map(repository -> repository + " is no longer selected");
  }

  private static Optional<RepositoryName> repositoryOf(PartialBlob partial) {
    return partial.source().filter(s -> s.startsWith(PARENT_SOURCE)).flatMap(s -> {
      try {
        return Optional.of(RepositoryName.of(s.substring(PARENT_SOURCE.length())));
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    });
  }
}
