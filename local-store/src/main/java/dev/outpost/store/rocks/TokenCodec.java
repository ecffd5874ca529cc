package dev.outpost.store.rocks;

import dev.outpost.store.StoreException;
import dev.outpost.store.auth.Action;
import dev.outpost.store.auth.ClientToken;
import dev.outpost.store.auth.PasswordHash;
import dev.outpost.store.auth.PasswordSlot;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.auth.ScopeRule;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * JSON codec of {@link ClientToken}. Passwords are stored only as salted hashes (salt and hash in
 * base64); an empty password slot is an omitted field; expiries are ISO-8601 UTC.
 *
 * <p>Version 2 gives each password slot its own expiry. Version 1 records (one {@code expiry} for the
 * token) stay readable: their expiry applies to both slots, and they are rewritten as version 2 the
 * next time the token changes. Version 2 is a new number rather than an added field because an
 * older Outpost, which ignores unknown fields, would otherwise honour a password past its expiry;
 * with the new number it refuses the record instead.
 */
final class TokenCodec {
  private static final int VERSION = 2;
  private static final int SHARED_EXPIRY = 1;

  /** The stored form of a token; {@code expiry} only in version 1. */
  record TokenJson(int version, String name, List<RuleJson> rules, PasswordJson password1, PasswordJson password2,
      String expiry, boolean enabled) {}

  /** One scope-map line: a repository pattern and action wire names. */
  record RuleJson(String repositories, List<String> actions) {}

  /** A salted password hash and (version 2) its expiry. */
  record PasswordJson(String salt, String hash, String expiry) {}

  private TokenCodec() {}

  static byte[] encode(ClientToken token) {
    List<RuleJson> rules = token.rules().stream()
        .map(r -> new RuleJson(r.pattern().value(), r.actions().stream().sorted().map(Action::wireName).toList()))
        .toList();
    return JsonValues.encode(new TokenJson(VERSION, token.name(), rules,
        token.password1().map(TokenCodec::password).orElse(null),
        token.password2().map(TokenCodec::password).orElse(null),
        null,
        token.enabled()));
  }

  static ClientToken decode(byte[] value) {
    TokenJson json = JsonValues.decode(value, TokenJson.class, "token");
    if (json.version() != VERSION && json.version() != SHARED_EXPIRY) {
      throw new StoreException("index token record has unknown format version " + json.version());
    }
    try {
      List<ScopeRule> rules = json.rules() == null ? List.of() : json.rules().stream().map(TokenCodec::rule).toList();
      // Version 1 kept one expiry for the token; it now belongs to each slot. Version 2 has none there.
      Optional<Instant> shared = json.version() == SHARED_EXPIRY ? instant(json.expiry()) : Optional.empty();
      return new ClientToken(json.name(), rules,
          Optional.ofNullable(json.password1()).map(p -> slot(p, shared)),
          Optional.ofNullable(json.password2()).map(p -> slot(p, shared)),
          json.enabled());
    } catch (IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
      throw new StoreException("index token record '" + json.name() + "' is invalid: " + e.getMessage(), e);
    }
  }

  private static ScopeRule rule(RuleJson json) {
    Set<Action> actions = EnumSet.noneOf(Action.class);
    for (String action : json.actions() == null ? List.<String>of() : json.actions()) {
      actions.add(Action.parse(action));
    }
    return new ScopeRule(RepositoryPattern.parse(json.repositories()), actions);
  }

  private static PasswordJson password(PasswordSlot slot) {
    Base64.Encoder base64 = Base64.getEncoder();
    return new PasswordJson(base64.encodeToString(slot.hash().salt()), base64.encodeToString(slot.hash().hash()),
        slot.expiry().map(Instant::toString).orElse(null));
  }

  private static PasswordSlot slot(PasswordJson json, Optional<Instant> sharedExpiry) {
    Base64.Decoder base64 = Base64.getDecoder();
    PasswordHash hash = new PasswordHash(base64.decode(json.salt()), base64.decode(json.hash()));
    return new PasswordSlot(hash, json.expiry() != null ? instant(json.expiry()) : sharedExpiry);
  }

  private static Optional<Instant> instant(String text) {
    return Optional.ofNullable(text).map(Instant::parse);
  }
}
