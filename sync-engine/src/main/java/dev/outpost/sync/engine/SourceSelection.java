package dev.outpost.sync.engine;

import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.select.RepositoryRule;
import dev.outpost.sync.source.ContentSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a sync pass would select from a source, without a store: the repositories of the rules
 * ({@code prefix/*} expanded through the source's catalog), and per repository the tags its rule
 * selects (filters, then {@code keepLatest}). The same {@link RepositorySelector} and {@link
 * TagSelection} live sync uses, so a bundle carries exactly what sync would fetch.
 *
 * <p>Unlike a pass, which syncs what it can, a selection is all or nothing: a catalog that cannot
 * be listed or a repository whose tags cannot be read fails it, since a bundle planned from half a
 * selection would look complete and silently lack images.
 */
public final class SourceSelection {
  /** One selected repository: the rule that governs it (platforms, tag rules) and its selected tags, in the source's order. */
  public record SelectedRepository(RepositoryName repository, RepositoryRule rule, List<Tag> tags) {
    public SelectedRepository {
      tags = List.copyOf(tags);
    }
  }

  private SourceSelection() {}

  public static List<SelectedRepository> select(ContentSource source, SyncSettings settings) throws IOException {
    RepositorySelector.Selection repos = RepositorySelector.select(settings.repositories(), source);
    if (repos.failure().isPresent()) {
      throw new IOException(repos.failure().get());
    }
    TagSelection tags = new TagSelection(new CreationTimes(source, Optional.empty(), settings));
    List<SelectedRepository> selected = new ArrayList<>();
    for (RepositoryName repo : repos.repositories()) {
      RepositoryRule rule = settings.ruleFor(repo).orElseThrow();
      // A failure propagates as it is: the caller tells a refused credential from an unreachable parent by its type.
      selected.add(new SelectedRepository(repo, rule, tags.select(repo, rule, source.tags(repo))));
    }
    return selected;
  }
}
