package dev.outpost.sync.auth;

import java.io.IOException;

/**
 * Where bearer tokens for the parent come from, answering its {@code Bearer} challenge for one
 * scope. Today: the distribution token protocol, Basic credentials to the challenge's realm
 * ({@link TokenClient}); an Entra ID source (exchange an Entra access token for an ACR refresh
 * token, then for access tokens) fits behind the same interface. The auth interceptor caches and
 * invalidates; sources only fetch.
 */
@FunctionalInterface
public interface TokenSource {
  /** A fresh token for {@code scope} (possibly empty: what the challenge itself asked) under {@code bearer}. */
  BearerToken fetch(Challenge bearer, String scope) throws IOException;
}
