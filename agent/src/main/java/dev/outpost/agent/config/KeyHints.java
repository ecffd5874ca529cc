package dev.outpost.agent.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an unknown key probably meant: another product's name for one of ours (ACR's
 * {@code chunkSizeInMb}, distribution's {@code rootdirectory}…), the same name in another case, or
 * a near miss (a typo of one or two letters). These are hints only: the names are not accepted as
 * aliases, so one file never has two spellings of a setting.
 */
final class KeyHints {
  private static final Map<String, String> OTHER_NAMES = Map.of(
      "chunksizeinmb", "chunkSizeMb", // ACR connected registry (and this chart's value name)
      "syncwindow", "window", // ACR syncProperties.syncWindow
      "rootdirectory", "path", // distribution storage.filesystem.rootdirectory
      "addr", "listen", // distribution http.addr
      "address", "listen",
      "repos", "repositories",
      "cron", "schedule",
      "user", "username");

  private KeyHints() {}

  /** The reason for an unknown key among {@code known}, with a hint where there is one. */
  static String unknownKey(String name, Collection<String> known) {
    return meant(name, known)
        .map(key -> "unknown key; did you mean " + key + "?")
        .orElseGet(() -> "unknown key; known keys here: " + String.join(", ", known.stream().sorted().toList()));
  }

  static Optional<String> meant(String name, Collection<String> known) {
    String other = OTHER_NAMES.get(name.toLowerCase(Locale.ROOT));
    if (other != null && known.contains(other)) {
      return Optional.of(other);
    }
    int allowed = name.length() <= 4 ? 1 : 2; // "synk" is sync, but "foo" should not become "url"
    return known.stream()
        .filter(key -> caseBlindDistance(name, key) <= allowed)
        .min(Comparator.comparingInt((String key) -> caseBlindDistance(name, key)).thenComparing(Comparator.naturalOrder()));
  }

  private static int caseBlindDistance(String a, String b) {
    return distance(a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT));
  }

  /**
   * Levenshtein distance: edits (insert, delete, replace) from {@code a} to {@code b}. A dozen lines
   * for strings of a few letters; not worth a dependency (commons-text) for this one use.
   */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
