package dev.outpost.sync.engine;

import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.registry.RegistryClient;
import java.io.IOException;
import java.util.List;
import java.util.TreeSet;

/**
 * Turns the configured patterns into repository names: exact names as they are, {@code prefix/*}
 * through the parent's catalog (listed once, and only when a wildcard asks for it).
 */
final class RepositorySelector {
  private RepositorySelector() {}

  static List<RepositoryName> select(List<RepositoryPattern> patterns, RegistryClient registry) throws IOException {
    TreeSet<RepositoryName> selected = new TreeSet<>();
    patterns.stream().filter(p -> !p.isWildcard()).forEach(p -> selected.add(RepositoryName.of(p.value())));
    List<RepositoryPattern> wildcards = patterns.stream().filter(RepositoryPattern::isWildcard).toList();
    if (!wildcards.isEmpty()) {
      for (RepositoryName name : registry.catalog()) {
        if (wildcards.stream().anyMatch(w -> w.matches(name))) {
          selected.add(name);
        }
      }
    }
    return List.copyOf(selected);
  }
}
