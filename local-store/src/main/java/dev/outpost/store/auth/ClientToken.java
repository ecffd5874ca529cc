package dev.outpost.store.auth;

import dev.outpost.store.model.InvalidValueException;
import dev.outpost.store.model.RepositoryName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A client token: a named credential with a scope map, as ACR's connected registry gives its
 * on-site clients. Two password slots allow rotation without downtime (ACR has password1 and
 * password2): either one authenticates while it is set and not expired, and rotating one leaves the
 * other working. A disabled token authenticates with neither.
 */
public record ClientToken(
    String name,
    List<ScopeRule> rules,
    Optional<PasswordSlot> password1,
    Optional<PasswordSlot> password2,
    boolean enabled) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,49}");

  /** How a token stands at an instant, as {@code token list} shows it. */
  public enum Status { ENABLED, DISABLED, EXPIRED }

  public ClientToken {
    requireName(name);
    rules = List.copyOf(rules);
  }

  /** Returns {@code name} if it is a valid token name, else throws {@link InvalidValueException} saying why. */
  public static String requireName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidValueException(InvalidValueException.Kind.NAME,
          "token name '" + name + "' must be 1 to 50 of [A-Za-z0-9_-], starting with a letter or digit");
    }
    return name;
  }

  /**
   * Both passwords sharing one expiry: the form of records written before per-slot expiry
   * (format 1), and a convenience for tests.
   */
  public ClientToken(String name, List<ScopeRule> rules, Optional<PasswordHash> password1,
      Optional<PasswordHash> password2, Optional<Instant> expiry, boolean enabled) {
    this(name, rules, password1.map(h -> new PasswordSlot(h, expiry)), password2.map(h -> new PasswordSlot(h, expiry)),
        enabled);
  }

  /** Slot 1 or 2. */
  public Optional<PasswordSlot> slot(int slot) {
    return switch (slot) {
      case 1 -> password1;
      case 2 -> password2;
      default -> throw new InvalidValueException(InvalidValueException.Kind.PATTERN,
          "password slot must be 1 or 2, was " + slot);
    };
  }

  /** This token with {@code slot} holding {@code password}; the other slot is untouched. */
  public ClientToken withSlot(int slot, PasswordSlot password) {
    Optional<PasswordSlot> value = Optional.of(password);
    slot(slot); // validates the number
    return slot == 1 ? new ClientToken(name, rules, value, password2, enabled)
        : new ClientToken(name, rules, password1, value, enabled);
  }

  public ClientToken withEnabled(boolean enabled) {
    return new ClientToken(name, rules, password1, password2, enabled);
  }

  /** True when the token may be used at {@code now}: enabled, with at least one password not expired. */
  public boolean isUsableAt(Instant now) {
    return enabled && (usable(password1, now) || usable(password2, now));
  }

  public Status statusAt(Instant now) {
    if (!enabled) {
      return Status.DISABLED;
    }
    return isUsableAt(now) ? Status.ENABLED : Status.EXPIRED;
  }

  /**
   * The slot (1 or 2) whose password is {@code candidate} and usable at {@code now}, if the token is
   * enabled. Both slots are always hashed (constant work whichever matches).
   */
  public OptionalInt authenticate(String candidate, Instant now) {
    boolean first = matches(password1, candidate) & usable(password1, now);
    boolean second = matches(password2, candidate) & usable(password2, now);
    if (!enabled || !(first | second)) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(first ? 1 : 2);
  }

  /** True when either password slot matches, whatever its expiry (authentication uses {@link #authenticate}). */
  public boolean passwordMatches(String candidate) {
    return matches(password1, candidate) | matches(password2, candidate);
  }

  /**
   * Whether an access token issued from {@code slot} while it held the password named {@code stamp}
   * is still good at {@code now}: the token is enabled and that slot still holds that password,
   * unexpired. Rotating the slot, disabling or re-creating the token ends it.
   */
  public boolean stillHonours(int slot, String stamp, Instant now) {
    if (!enabled || (slot != 1 && slot != 2)) {
      return false;
    }
    return slot(slot).filter(p -> p.usableAt(now) && p.stamp().equals(stamp)).isPresent();
  }

  public boolean grants(RepositoryName repository, Action action) {
    return rules.stream().anyMatch(r -> r.grants(repository, action));
  }

  private static boolean usable(Optional<PasswordSlot> slot, Instant now) {
    return slot.map(p -> p.usableAt(now)).orElse(false);
  }

  private static boolean matches(Optional<PasswordSlot> slot, String candidate) {
    return slot.map(p -> p.hash().matches(candidate)).orElse(false);
  }
}
