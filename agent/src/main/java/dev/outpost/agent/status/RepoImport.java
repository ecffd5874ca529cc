package dev.outpost.agent.status;

import java.time.Instant;
import java.util.List;

/**
 * A repository's last import from a bundle, for {@code outpost status}: when, which bundle
 * ({@code bundleId}) and which of its {@code parts} that import read, how many tags it made visible,
 * the tags still waiting for a part not imported yet, and the failure if the repository failed.
 */
public record RepoImport(Instant at, String bundleId, List<Integer> partsRead, int parts, int tagsVisible,
    List<String> waiting, String failure) {
  public RepoImport {
    partsRead = partsRead == null ? List.of() : List.copyOf(partsRead);
    waiting = waiting == null ? List.of() : List.copyOf(waiting);
  }

  /** {@code part 2/3}, {@code parts 1,3/3}. */
  public String partsText() {
    String read = String.join(",", partsRead.stream().map(String::valueOf).toList());
    return (partsRead.size() == 1 ? "part " : "parts ") + read + "/" + parts;
  }
}
