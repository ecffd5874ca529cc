package dev.outpost.sync.engine;

import dev.outpost.store.model.RepositoryName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * The selected repositories grouped by their rule's {@code priority}, highest first, each group in
 * name order. A pass syncs one group after the other, so what matters most gets the window's link
 * before anything else asks for it.
 */
final class PriorityTiers {
  private PriorityTiers() {}

  static List<List<RepositoryName>> of(List<RepositoryName> repositories, ToIntFunction<RepositoryName> priority) {
    Map<Integer, List<RepositoryName>> byPriority = new TreeMap<>(Comparator.reverseOrder());
    for (RepositoryName repo : repositories) {
      byPriority.computeIfAbsent(priority.applyAsInt(repo), p -> new ArrayList<>()).add(repo);
    }
    List<List<RepositoryName>> tiers = new ArrayList<>();
    for (List<RepositoryName> tier : byPriority.values()) {
      tiers.add(tier.stream().sorted().toList());
    }
    return tiers;
  }
}
