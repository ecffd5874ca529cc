package dev.outpost.store.rocks;

import dev.outpost.store.StoreException;
import dev.outpost.store.auth.Action;
import dev.outpost.store.auth.ClientToken;
import dev.outpost.store.auth.PasswordHash;
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
 * base64); an empty password slot is an omitted field; the expiry is ISO-8601 UTC.
 */
final class TokenCodec {
  private static final int VERSION = 1;

  /** The stored form of a token. */
  record TokenJson(int version, String name, List<RuleJson> rules, PasswordJson password1, PasswordJson password2,
      String expiry, boolean enabled) {}

  /** One scope-map line: a repository pattern and action wire names. */
  record RuleJson(String repositories, List<String> actions) {}

  /** A salted password hash. */
  record PasswordJson(String salt, String hash) {}

  private TokenCodec() {}

  static byte[] encode(ClientToken token) {
    List<RuleJson> rules = token.rules().stream()
        .map(r -> new RuleJson(r.pattern().value(), r.actions().stream().sorted().map(Action::wireName).toList()))
        .toList();
    return JsonValues.encode(new TokenJson(VERSION, token.name(), rules,
        token.password1().map(TokenCodec::password).orElse(null),
        token.password2().map(TokenCodec::password).orElse(null),
        token.expiry().map(Instant::toString).orElse(null),
        token.enabled()));
  }

  static ClientToken decode(byte[] value) {
    TokenJson json = JsonValues.decode(value, TokenJson.class, "token");
    if (json.version() != VERSION) {
      throw new StoreException("index token record has unknown format version " + json.version());
    }
    try {
      List<ScopeRule> rules = json.rules() == null ? List.of() : json.rules().stream().map(TokenCodec::rule).toList();
      return new ClientToken(json.name(), rules,
          Optional.ofNullable(json.password1()).map(TokenCodec::password),
          Optional.ofNullable(json.password2()).map(TokenCodec::password),
          Optional.ofNullable(json.expiry()).map(Instant::parse),
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

  private static PasswordJson password(PasswordHash hash) {
    Base64.Encoder base64 = Base64.getEncoder();
    return new PasswordJson(base64.encodeToString(hash.salt()), base64.encodeToString(hash.hash()));
  }

  private static PasswordHash password(PasswordJson json) {
    Base64.Decoder base64 = Base64.getDecoder();
    return new PasswordHash(base64.decode(json.salt()), base64.decode(json.hash()));
  }
}
