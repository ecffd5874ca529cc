package dev.outpost.sync.engine;

import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.source.ContentSource;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns the configured patterns into repository names: exact names as they are, {@code prefix/*}
 * through the parent's catalog (listed once, and only when a wildcard asks for it). If the catalog
 * cannot be listed (a repository-scoped ACR token may not), the exact names are still synced and
 * the failure is reported.
 */
final class RepositorySelector {
  /** The selected repositories, and why wildcards could not be expanded, if they could not. */
  record Selection(List<RepositoryName> repositories, Optional<String> failure) {}

  private RepositorySelector() {}

  static Selection select(List<RepositoryPattern> patterns, ContentSource source) {
    TreeSet<RepositoryName> selected = new TreeSet<>();
    patterns.stream().filter(p -> !p.isWildcard()).forEach(p -> selected.add(RepositoryName.of(p.value())));
    List<RepositoryPattern> wildcards = patterns.stream().filter(RepositoryPattern::isWildcard).toList();
    if (wildcards.isEmpty()) {
      return new Selection(List.copyOf(selected), Optional.empty());
    }
    try {
      for (RepositoryName name : source.repositories()) {
        if (wildcards.stream().anyMatch(w -> w.matches(name))) {
          selected.add(name);
        }
      }
      return new Selection(List.copyOf(selected), Optional.empty());
    } catch (Exception e) {
      return new Selection(List.copyOf(selected),
          Optional.of("could not expand " + wildcards + " through the catalog: " + Reasons.oneLine(e)));
    }
  }
}
