package dev.outpost.store.gc;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One image the quota evicted: its tags were removed, and {@code bytes} are what the next garbage
 * collection frees because of it (blobs no other kept image references). {@code lastPulled} is
 * empty for an image never pulled, which counts as pulled when it was committed.
 */
public record Eviction(
    RepositoryName repository,
    List<Tag> tags,
    Digest manifest,
    long bytes,
    Optional<Instant> lastPulled,
    Instant committedAt) {

  public Eviction {
    tags = List.copyOf(tags);
  }

  /** A line for people: what went, its size, and why it went before the rest. */
  public String describe() {
    String names = tags.stream().map(Tag::value).collect(Collectors.joining(","));
    return repository + ":" + names + " (" + manifest + ") " + bytes + " bytes, least recently pulled: "
        + lastPulled.map(t -> "last pulled " + t).orElse("never pulled, committed " + committedAt);
  }
}
