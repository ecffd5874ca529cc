package dev.outpost.sync.bundle;

import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one import of bundle parts did: per repository the tags visible as the bundle has them, the
 * tags this import made visible, the tags still waiting for content another part carries, and the
 * tags refused (a damaged item in their closure); the refused items themselves, each named with the
 * images that needed it ({@code rejected}); the bytes read into the store; the bundle's repositories
 * the site's rules do not select; and whether the import was stopped before its end.
 */
public record ImportReport(String bundleId, int parts, SortedSet<Integer> partsRead, List<RepositoryImport> repositories,
    List<String> rejected, long bytesImported, List<RepositoryName> notSelected, boolean stopped) {

  public ImportReport {
    partsRead = Collections.unmodifiableSortedSet(new TreeSet<>(partsRead));
    repositories = List.copyOf(repositories);
    rejected = List.copyOf(rejected);
    notSelected = List.copyOf(notSelected);
  }

  /** A report of an import that ran to its end with every repository of the bundle selected. */
  public ImportReport(String bundleId, int parts, SortedSet<Integer> partsRead, List<RepositoryImport> repositories,
      List<String> rejected, long bytesImported) {
    this(bundleId, parts, partsRead, repositories, rejected, bytesImported, List.of(), false);
  }

  /** True when every selected tag of the bundle is visible: nothing waits, nothing was refused. */
  public boolean complete() {
    return !stopped && rejected.isEmpty() && repositories.stream().allMatch(RepositoryImport::complete);
  }

  /** False when the import found everything already there (a second import of the same parts). */
  public boolean changed() {
    return bytesImported > 0 || repositories.stream().anyMatch(r -> !r.imported().isEmpty());
  }

  /**
   * One repository of the bundle: how many of its tags are visible as the bundle has them, which wait
   * for other parts, why the repository failed as a whole (not counting refused tags), which tags
   * this import made visible, and which it refused.
   */
  public record RepositoryImport(RepositoryName repository, int tagsVisible, List<Tag> waiting, Optional<String> failure,
      List<Tag> imported, List<Tag> refused) {
    public RepositoryImport {
      waiting = List.copyOf(waiting);
      imported = List.copyOf(imported);
      refused = List.copyOf(refused);
    }

    /** Without the tags imported or refused by this import. */
    public RepositoryImport(RepositoryName repository, int tagsVisible, List<Tag> waiting, Optional<String> failure) {
      this(repository, tagsVisible, waiting, failure, List.of(), List.of());
    }

    public boolean complete() {
      return waiting.isEmpty() && refused.isEmpty() && failure.isEmpty();
    }
  }
}
