package dev.outpost.serve.auth;

import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The access controller for client tokens. Accepts {@code Bearer} access tokens from our token
 * endpoint (whose subject must still be a usable client token) and {@code Basic} client-token
 * credentials checked on every request (an HMAC, cheap).
 *
 * <p>Denials: a caller without valid credentials gets 401 UNAUTHORIZED with a Bearer challenge; a
 * caller with valid credentials but without the needed action gets the same 401 UNAUTHORIZED with
 * {@code error="insufficient_scope"} added, as distribution's token auth does. The decision is made
 * from the credentials and the route alone, before the store is asked anything, so the reply for a
 * repository the caller may not see is byte-identical whether it exists or not. 401 rather than
 * 403 DENIED because a client holding a token for another scope must be told to fetch a new one.
 */
public final class TokenAccessController implements AccessController {
  private final AccessTokens accessTokens;
  private final ClientAuthenticator authenticator;
  private final Challenges challenges;

  public TokenAccessController(AccessTokens accessTokens, ClientAuthenticator authenticator, Challenges challenges) {
    this.accessTokens = accessTokens;
    this.authenticator = authenticator;
    this.challenges = challenges;
  }

  @Override
  public AuthDecision authorize(Request request, RequiredAccess required) {
    Optional<Principal> principal = authenticate(Credentials.parse(request.getHeaders().get(HttpHeader.AUTHORIZATION)));
    if (principal.isEmpty()) {
      return new AuthDecision.Challenge(challenges.unauthenticated(request, scopeFor(required)));
    }
    Principal p = principal.get();
    return switch (required) {
      case RequiredAccess.Authenticated a -> new AuthDecision.Grant(p);
      case RequiredAccess.Catalog c -> p.mayListCatalog()
          ? new AuthDecision.Grant(p)
          : new AuthDecision.Challenge(challenges.insufficientScope(request, Scope.catalog()));
      case RequiredAccess.OnRepository r -> p.may(r.repository(), r.action())
          ? new AuthDecision.Grant(p)
          : new AuthDecision.Challenge(challenges.insufficientScope(request, Scope.pull(r.repository().value())));
    };
  }

  private Optional<Principal> authenticate(Credentials credentials) {
    return switch (credentials) {
      case Credentials.None n -> Optional.empty();
      case Credentials.Basic b -> authenticator.authenticate(b.username(), b.password())
          .map(Principal.WithPassword::new);
      case Credentials.Bearer b -> accessTokens.verify(b.token())
          .flatMap(v -> authenticator.usableToken(v.subject())
              .map(token -> new Principal.WithAccessToken(token, v.access())));
    };
  }

  /** The scope a client should ask for: {@code pull} for anything in a repository (tags included). */
  private static Optional<Scope> scopeFor(RequiredAccess required) {
    return switch (required) {
      case RequiredAccess.Authenticated a -> Optional.empty();
      case RequiredAccess.Catalog c -> Optional.of(Scope.catalog());
      case RequiredAccess.OnRepository r -> Optional.of(Scope.pull(r.repository().value()));
    };
  }
}
