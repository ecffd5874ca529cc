package dev.outpost.sync.select;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tag read as a semantic version, ordered by SemVer 2.0 precedence (build metadata ignored, a
 * pre-release below its release, pre-release identifiers compared numerically or lexically). Tags
 * are often looser than SemVer, so a leading {@code v} is allowed and minor and patch may be left
 * out ({@code v1.25} is 1.25.0). Anything else ({@code latest}, {@code 2024-05-01}) is not a version.
 * Small enough not to need a library; none on Maven Central is both small and well kept.
 */
public record SemanticVersion(BigInteger major, BigInteger minor, BigInteger patch, List<String> preRelease)
    implements Comparable<SemanticVersion> {
  private static final String NUMBER = "(0|[1-9][0-9]*)";
  private static final Pattern FORM = Pattern.compile("[vV]?" + NUMBER + "(?:\\." + NUMBER + ")?(?:\\." + NUMBER + ")?"
      + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");
  private static final Pattern NUMERIC = Pattern.compile("[0-9]+");

  public SemanticVersion {
    preRelease = List.copyOf(preRelease);
  }

  public static Optional<SemanticVersion> parse(String tag) {
    Matcher m = FORM.matcher(tag);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new SemanticVersion(new BigInteger(m.group(1)), number(m.group(2)), number(m.group(3)),
        m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."))));
  }

  private static BigInteger number(String group) {
    return group == null ? BigInteger.ZERO : new BigInteger(group);
  }

  @Override
  public int compareTo(SemanticVersion o) {
    int c = major.compareTo(o.major);
    c = c != 0 ? c : minor.compareTo(o.minor);
    c = c != 0 ? c : patch.compareTo(o.patch);
    return c != 0 ? c : comparePreRelease(preRelease, o.preRelease);
  }

  private static int comparePreRelease(List<String> a, List<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(a.isEmpty(), b.isEmpty()); // a release ranks above its pre-releases
    }
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compareIdentifier(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareIdentifier(String a, String b) {
    boolean an = NUMERIC.matcher(a).matches();
    boolean bn = NUMERIC.matcher(b).matches();
    if (an && bn) {
      return new BigInteger(a).compareTo(new BigInteger(b));
    }
    if (an != bn) {
      return an ? -1 : 1; // numeric identifiers rank below alphanumeric ones
    }
    return a.compareTo(b);
  }
}
