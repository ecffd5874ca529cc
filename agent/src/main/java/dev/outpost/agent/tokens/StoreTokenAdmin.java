package dev.outpost.agent.tokens;

import dev.outpost.store.TokenRepository;
import dev.outpost.store.auth.ClientToken;
import dev.outpost.store.auth.PasswordHash;
import java.util.List;
import java.util.Optional;

/** Token administration straight on the store. Passwords are generated here and kept only as hashes. */
public final class StoreTokenAdmin implements TokenAdmin {
  private final TokenRepository tokens;

  public StoreTokenAdmin(TokenRepository tokens) {
    this.tokens = tokens;
  }

  @Override
  public CreatedClientToken create(TokenSpec spec) {
    if (tokens.token(spec.name()).isPresent()) {
      throw new IllegalArgumentException("token '" + spec.name() + "' already exists; delete it first or pick another name");
    }
    String password = PasswordHash.generatePassword();
    tokens.putToken(new ClientToken(spec.name(), spec.rules(), Optional.of(PasswordHash.of(password)),
        Optional.empty(), spec.expiry(), true));
    return new CreatedClientToken(spec.name(), password);
  }

  @Override
  public List<TokenSummary> list() {
    return tokens.tokens().stream().map(StoreTokenAdmin::summarize).toList();
  }

  @Override
  public boolean delete(String name) {
    return tokens.deleteToken(name);
  }

  static TokenSummary summarize(ClientToken token) {
    List<String> scopes = token.rules().stream()
        .map(r -> r.pattern() + " " + r.actions().stream().map(Object::toString).sorted().toList())
        .toList();
    return new TokenSummary(token.name(), scopes, token.expiry().orElse(null), token.enabled());
  }
}
