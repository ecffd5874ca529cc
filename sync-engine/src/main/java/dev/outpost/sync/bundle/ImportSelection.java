package dev.outpost.sync.bundle;

import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.engine.SyncSettings;
import dev.outpost.sync.select.RepositoryRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which of a bundle's repositories an import takes, under which rule: the site's own
 * {@code sync.repositories} rules when it has some (the same rules as live sync: tags, keepLatest,
 * platforms), else every repository with every tag. Each becomes an exact-name rule, so the engine
 * visits the bundle's repositories and nothing else.
 */
record ImportSelection(SyncSettings settings, List<RepositoryName> repositories, List<RepositoryName> notSelected) {

  static ImportSelection of(BundleManifest bundle, SyncSettings site) {
    List<RepositoryRule> rules = new ArrayList<>();
    List<RepositoryName> selected = new ArrayList<>();
    List<RepositoryName> notSelected = new ArrayList<>();
    for (RepositoryName repo : bundle.repositories().keySet()) {
      Optional<RepositoryRule> rule = site.rules().isEmpty() ? Optional.of(RepositoryRule.all(exact(repo)))
          : site.ruleFor(repo).map(r -> new RepositoryRule(exact(repo), r.tags(), r.keepLatest(), r.platforms(),
              r.pinned(), r.keepDeleted(), r.priority(), r.referrers()));
      if (rule.isPresent()) {
        rules.add(rule.get());
        selected.add(repo);
      } else {
        notSelected.add(repo);
      }
    }
    // No bandwidth cap: the source is a disk, not the link.
    SyncSettings settings = new SyncSettings(rules, site.platforms(), site.chunkSizeMb(), site.concurrency(),
        site.retry(), site.stallTimeout(), Optional.empty(), site.deleteGrace());
    return new ImportSelection(settings, List.copyOf(selected), List.copyOf(notSelected));
  }

  private static RepositoryPattern exact(RepositoryName repo) {
    return RepositoryPattern.parse(repo.value());
  }
}
