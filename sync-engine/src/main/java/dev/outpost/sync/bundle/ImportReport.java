package dev.outpost.sync.bundle;

import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * What one import of bundle parts did: per repository the tags now visible, the tags still waiting
 * for content another part carries, and what was refused (a corrupt or truncated item, with the
 * images that needed it). (Skeleton: the import side of issue 8 fills it in.)
 */
public record ImportReport(String bundleId, int parts, SortedSet<Integer> partsRead, List<RepositoryImport> repositories,
    List<String> rejected, long bytesImported) {

  public ImportReport {
    partsRead = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(partsRead));
    repositories = List.copyOf(repositories);
    rejected = List.copyOf(rejected);
  }

  /** One repository: tags visible after the import, tags waiting for other parts, and a failure if any. */
  public record RepositoryImport(RepositoryName repository, int tagsVisible, List<Tag> waiting, Optional<String> failure) {
    public RepositoryImport {
      waiting = List.copyOf(waiting);
    }
  }
}
