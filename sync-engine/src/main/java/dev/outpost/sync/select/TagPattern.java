package dev.outpost.sync.select;

import dev.outpost.store.model.Tag;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One tag pattern of a repository rule: a glob ({@code v*}, {@code 1.?}, {@code {latest,stable}},
 * {@code [0-9]*}) or, after a {@code regex:} prefix, a Java regular expression. Either must match
 * the whole tag. Globs are the JDK's own glob syntax (tags never contain {@code /}, the only
 * character its globs treat specially), so there is no hand-written glob parser here.
 */
public final class TagPattern {
  static final String REGEX_PREFIX = "regex:";

  private final String text;
  private final Predicate<String> matcher;

  private TagPattern(String text, Predicate<String> matcher) {
    this.text = text;
    this.matcher = matcher;
  }

  /** Parses {@code text}; an empty pattern or one that does not compile is an {@link IllegalArgumentException}. */
  public static TagPattern parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a tag pattern is empty; use a glob such as 'v*' or 'regex:^v[0-9]+$'");
    }
    if (text.startsWith(REGEX_PREFIX)) {
      String regex = text.substring(REGEX_PREFIX.length());
      try {
        Pattern pattern = Pattern.compile(regex);
        return new TagPattern(text, tag -> pattern.matcher(tag).matches());
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("'" + text + "' is not a valid regular expression: "
            + e.getDescription() + " near index " + e.getIndex());
      }
    }
    try {
      PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + text);
      return new TagPattern(text, tag -> glob.matches(Path.of(tag)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not a valid glob: " + e.getMessage());
    }
  }

  public boolean matches(Tag tag) {
    return matcher.test(tag.value());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TagPattern other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The pattern as written. */
  @Override
  public String toString() {
    return text;
  }
}
