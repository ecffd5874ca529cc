package dev.outpost.agent.status;

import java.time.Instant;
import java.util.List;

/**
 * One image the quota evicted, for {@code outpost status}: when, what (repository, tags, manifest),
 * the bytes garbage collection freed because of it, and why it went ({@code reason}, a sentence).
 */
public record EvictedImage(Instant at, String repository, List<String> tags, String manifest, long bytes, String reason) {
  public EvictedImage {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
