package dev.outpost.agent.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.model.Platform;
import dev.outpost.sync.select.InvalidRuleException;
import dev.outpost.sync.select.RepositoryRule;
import dev.outpost.sync.select.TagFilter;
import dev.outpost.sync.select.TagPattern;
import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;

/**
 * One entry of {@code sync.repositories}: a string ({@code "library/hello"}, every tag) or a map
 * ({@code name}, {@code tags: {include, exclude}}, {@code keepLatest}, {@code platforms},
 * {@code pinned}, {@code keepDeleted}, {@code priority}, {@code referrers}). The map is bound like every other section (unknown keys are
 * errors with a hint; patterns and platforms are refused at their own line), and a value the rule
 * refuses is reported under the entry's full key, {@code sync.repositories[2].keepLatest}.
 */
final class RepositoryRuleDeserializer extends StdDeserializer<RepositoryRule> {
  static final String EXAMPLE = "a repository such as team/* or keys name, tags, keepLatest, platforms, pinned, keepDeleted, priority, referrers";

  /** The map form, as written. */
  record RuleEntry(RepositoryPattern name, TagsEntry tags, Integer keepLatest, List<Platform> platforms,
      Boolean pinned, Boolean keepDeleted, Integer priority, Boolean referrers) {}

  /** {@code tags:} of the map form. */
  record TagsEntry(List<TagPattern> include, List<TagPattern> exclude) {}

  RepositoryRuleDeserializer() {
    super(RepositoryRule.class);
  }

  @Override
  public RepositoryRule deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    if (parser.hasToken(JsonToken.VALUE_STRING)) {
      try {
        return RepositoryRule.all(RepositoryPattern.parse(parser.getText()));
      } catch (IllegalArgumentException e) {
        throw new ScalarDeserializer.Refused(parser, e.getMessage(), RepositoryRule.class);
      }
    }
    if (!parser.hasToken(JsonToken.START_OBJECT)) {
      throw new ScalarDeserializer.Refused(parser, "expected " + EXAMPLE, RepositoryRule.class);
    }
    String key = KeyLines.path(parser.getParsingContext().getParent());
    RuleEntry entry = context.readValue(parser, RuleEntry.class);
    return rule(key, entry);
  }

  private static RepositoryRule rule(String key, RuleEntry entry) {
    if (entry.name() == null) {
      throw new ConfigValueException(key + ".name", "required: the repositories this rule is about, such as team/*");
    }
    TagsEntry tags = entry.tags() == null ? new TagsEntry(null, null) : entry.tags();
    try {
      return new RepositoryRule(entry.name(), new TagFilter(tags.include(), tags.exclude()),
          entry.keepLatest() == null ? OptionalInt.empty() : OptionalInt.of(entry.keepLatest()),
          entry.platforms(), Boolean.TRUE.equals(entry.pinned()), Boolean.TRUE.equals(entry.keepDeleted()),
          entry.priority() == null ? 0 : entry.priority(), Boolean.TRUE.equals(entry.referrers()));
    } catch (InvalidRuleException e) {
      throw new ConfigValueException(key + "." + e.setting(), e.reason());
    }
  }
}
