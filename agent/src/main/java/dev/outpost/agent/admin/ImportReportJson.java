package dev.outpost.agent.admin;

import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.bundle.ImportReport;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The JSON form of an {@link ImportReport} (the answer of {@code POST /imports}, and what
 * {@code bundle import --json} prints): names and tags as plain strings, a repository's failure as a
 * string or absent.
 */
public record ImportReportJson(String bundleId, int parts, List<Integer> partsRead, List<Repository> repositories,
    List<String> rejected, long bytesImported, List<String> notSelected, boolean stopped, boolean complete,
    boolean changed) {

  /** One repository's outcome. */
  public record Repository(String repository, int tagsVisible, List<String> imported, List<String> waiting,
      List<String> refused, String failure) {}

  public static ImportReportJson of(ImportReport r) {
    return new ImportReportJson(r.bundleId(), r.parts(), List.copyOf(r.partsRead()), r.repositories().stream()
        .map(i -> new Repository(i.repository().value(), i.tagsVisible(), names(i.imported()), names(i.waiting()),
            names(i.refused()), i.failure().orElse(null))).toList(),
        r.rejected(), r.bytesImported(), r.notSelected().stream().map(RepositoryName::value).toList(), r.stopped(),
        r.complete(), r.changed());
  }

  public ImportReport toReport() {
    return new ImportReport(bundleId, parts, new TreeSet<>(partsRead), repositories.stream()
        .map(i -> new ImportReport.RepositoryImport(RepositoryName.of(i.repository()), i.tagsVisible(), tags(i.waiting()),
            Optional.ofNullable(i.failure()), tags(i.imported()), tags(i.refused()))).toList(),
        rejected, bytesImported, notSelected.stream().map(RepositoryName::of).toList(), stopped);
  }

  private static List<String> names(List<Tag> tags) {
    return tags.stream().map(Tag::value).toList();
  }

  private static List<Tag> tags(List<String> names) {
    return names == null ? List.of() : names.stream().map(Tag::of).toList();
  }
}
