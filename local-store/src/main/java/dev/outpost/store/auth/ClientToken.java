package dev.outpost.store.auth;

import dev.outpost.store.model.RepositoryName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A client token: a named credential with a scope map, as ACR's connected registry gives its
 * on-site clients. Two password slots allow rotation without downtime (ACR has password1 and
 * password2); either one authenticates.
 */
public record ClientToken(
    String name,
    List<ScopeRule> rules,
    Optional<PasswordHash> password1,
    Optional<PasswordHash> password2,
    Optional<Instant> expiry,
    boolean enabled) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,49}");

  public ClientToken {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new dev.outpost.store.model.InvalidValueException(dev.outpost.store.model.InvalidValueException.Kind.NAME,
          "token name '" + name + "' must be 1 to 50 of [A-Za-z0-9_-], starting with a letter or digit");
    }
    rules = List.copyOf(rules);
  }

  /** True when the token may be used at {@code now}: enabled and not expired. */
  public boolean isUsableAt(Instant now) {
    return enabled && expiry.map(now::isBefore).orElse(true);
  }

  /** True when either password slot matches. Both slots are always checked (constant work). */
  public boolean passwordMatches(String candidate) {
    boolean first = password1.map(p -> p.matches(candidate)).orElse(false);
    boolean second = password2.map(p -> p.matches(candidate)).orElse(false);
    return first | second;
  }

  public boolean grants(RepositoryName repository, Action action) {
    return rules.stream().anyMatch(r -> r.grants(repository, action));
  }
}
