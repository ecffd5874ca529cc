package dev.outpost.store;

import dev.outpost.store.auth.ClientToken;
import java.util.List;
import java.util.Optional;

/** Client tokens (scope maps and salted password hashes), kept in the index. */
public interface TokenRepository {
  void putToken(ClientToken token);

  Optional<ClientToken> token(String name);

  List<ClientToken> tokens();

  boolean deleteToken(String name);
}
