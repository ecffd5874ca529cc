package dev.outpost.serve.auth;

import dev.outpost.store.auth.Action;
import dev.outpost.store.auth.ClientToken;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The access controller for client tokens. Accepts {@code Bearer} access tokens from our token
 * endpoint (whose client token must still be enabled and still hold, unexpired, the password the
 * access token was obtained with: see {@link ClientAuthenticator#honoured}) and {@code Basic} client-token
 * credentials checked on every request (an HMAC, cheap).
 *
 * <p>Denials: a caller without valid credentials gets 401 UNAUTHORIZED with a Bearer challenge; a
 * caller with valid credentials but without the needed action gets the same 401 UNAUTHORIZED with
 * {@code error="insufficient_scope"} added, as distribution's token auth does. The decision is made
 * from the credentials and the route alone, before the store is asked anything, so the reply for a
 * repository the caller may not see is byte-identical whether it exists or not. 401 rather than
 * 403 DENIED because a client holding a token for another scope must be told to fetch a new one.
 *
 * <p>With {@code serve.anonymous} set, a request without credentials that pulls (content/read) a
 * listed repository is served as {@link Principal.Anonymous}; anything else without credentials is
 * challenged exactly as before, so the reply for an unlisted repository still says nothing of it.
 */
public final class TokenAccessController implements AccessController {
  private final AccessTokens accessTokens;
  private final ClientAuthenticator authenticator;
  private final LoginGate logins;
  private final Challenges challenges;
  private final AnonymousPull anonymous;
  private final ClientToken anonymousRights;

  /** Basic credentials are checked through {@code logins}, which refuses a client over its failed-login limit. */
  public TokenAccessController(AccessTokens accessTokens, ClientAuthenticator authenticator, LoginGate logins,
      Challenges challenges, AnonymousPull anonymous) {
    this.accessTokens = accessTokens;
    this.authenticator = authenticator;
    this.logins = logins;
    this.challenges = challenges;
    this.anonymous = anonymous;
    this.anonymousRights = anonymous.asToken();
  }

  @Override
  public AuthDecision authorize(Request request, RequiredAccess required) {
    Credentials credentials = Credentials.parse(request.getHeaders().get(HttpHeader.AUTHORIZATION));
    if (credentials instanceof Credentials.None && isAnonymousPull(required)) {
      return new AuthDecision.Grant(new Principal.Anonymous(anonymousRights, Optional.empty()));
    }
    Optional<Principal> principal = authenticate(request, credentials);
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

  private Optional<Principal> authenticate(Request request, Credentials credentials) {
    return switch (credentials) {
      case Credentials.None n -> Optional.empty();
      case Credentials.Basic b -> logins.login(request, b.username(), b.password())
          .map(login -> new Principal.WithPassword(login.token()));
      case Credentials.Bearer b -> accessTokens.verify(b.token()).flatMap(this::bearer);
    };
  }

  private Optional<Principal> bearer(VerifiedToken verified) {
    if (verified.subject().equals(AnonymousPull.SUBJECT)) {
      // Issued without credentials: good only for what serve.anonymous allows now.
      return anonymous.enabled()
          ? Optional.of(new Principal.Anonymous(anonymousRights, Optional.of(verified.access())))
          : Optional.empty();
    }
    return authenticator.honoured(verified).map(token -> new Principal.WithAccessToken(token, verified.access()));
  }

  /** Without credentials, only pulls (content/read) of the repositories serve.anonymous lists are served. */
  private boolean isAnonymousPull(RequiredAccess required) {
    return required instanceof RequiredAccess.OnRepository r && r.action() == Action.CONTENT_READ
        && anonymousRights.grants(r.repository(), r.action());
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
