package dev.outpost.sync.select;

import dev.outpost.store.model.Tag;
import java.util.List;

/**
 * A rule's {@code tags:} filter. A tag is selected when some include pattern matches it (no include
 * patterns: every tag) and no exclude pattern does; exclude wins.
 */
public record TagFilter(List<TagPattern> include, List<TagPattern> exclude) {
  public static final TagFilter ALL = new TagFilter(List.of(), List.of());

  public TagFilter {
    include = include == null ? List.of() : List.copyOf(include);
    exclude = exclude == null ? List.of() : List.copyOf(exclude);
  }

  public boolean selects(Tag tag) {
    return (include.isEmpty() || include.stream().anyMatch(p -> p.matches(tag)))
        && exclude.stream().noneMatch(p -> p.matches(tag));
  }
}
