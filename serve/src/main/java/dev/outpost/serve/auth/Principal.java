package dev.outpost.serve.auth;

import dev.outpost.store.auth.Action;
import dev.outpost.store.auth.ClientToken;
import dev.outpost.store.model.RepositoryName;
import java.util.Optional;

/**
 * An authenticated caller and what it may do. Rights are always bounded by the client token's
 * current scope map, so disabling or narrowing a token takes effect on the next request, even for
 * bearer tokens issued before the change.
 */
public sealed interface Principal {
  boolean may(RepositoryName repository, Action action);

  /** May call the catalog at all (its entries are then filtered with {@link #listsInCatalog}). */
  boolean mayListCatalog();

  /** Whether the catalog shows {@code repository}: the live scope map gives it {@code metadata/read}. */
  default boolean listsInCatalog(RepositoryName repository) {
    return mayListCatalog() && token().grants(repository, Action.METADATA_READ);
  }

  ClientToken token();

  /** Authenticated with the client token's own password on this request. */
  record WithPassword(ClientToken token) implements Principal {
    @Override
    public boolean may(RepositoryName repository, Action action) {
      return token.grants(repository, action);
    }

    @Override
    public boolean mayListCatalog() {
      return true;
    }
  }

  /**
   * No client token: {@code serve.anonymous} as a scope map ({@link AnonymousPull#asToken}), and, when
   * the caller holds an anonymous access token, its grants too. Never lists the catalog.
   */
  record Anonymous(ClientToken token, Optional<GrantedAccess> access) implements Principal {
    @Override
    public boolean may(RepositoryName repository, Action action) {
      return token.grants(repository, action) && access.map(a -> a.allows(repository, action)).orElse(true);
    }

    @Override
    public boolean mayListCatalog() {
      return false;
    }
  }

  /** Authenticated with an access token: its grants, intersected with the live scope map. */
  record WithAccessToken(ClientToken token, GrantedAccess access) implements Principal {
    @Override
    public boolean may(RepositoryName repository, Action action) {
      return access.allows(repository, action) && token.grants(repository, action);
    }

    @Override
    public boolean mayListCatalog() {
      return access.catalog();
    }
  }
}
