package dev.outpost.serve.auth;

import dev.outpost.serve.error.ErrorCode;
import dev.outpost.serve.error.ErrorResponses;
import dev.outpost.serve.error.RegistryError;
import dev.outpost.serve.error.RegistryException;
import dev.outpost.serve.http.Replies;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

/**
 * The token endpoint ({@code /oauth2/token} and {@code /acr/oauth2/token}). {@code GET} takes Basic
 * credentials and {@code service}/{@code scope} query parameters; {@code POST} takes the OAuth2
 * password-grant form that containerd sends first. {@code grant_type=refresh_token} is answered
 * 400 UNSUPPORTED_VALUE, on which containerd falls back to {@code GET}. The token's audience is
 * always this endpoint's configured service: a token is only good here.
 */
public final class TokenEndpoint {
  /** Caps the form (invariant 7): a token request is a few hundred bytes. */
  private static final int MAX_FORM_FIELDS = 64;
  private static final int MAX_FORM_BYTES = 64 * 1024;

  private final LoginGate logins;
  private final AccessTokens accessTokens;
  private final AnonymousPull anonymous;

  /**
   * Passwords are checked through {@code logins}, which refuses a client over its failed-login limit.
   * With {@code anonymous} enabled, a request without credentials gets a token for the anonymous pulls it asks for.
   */
  public TokenEndpoint(LoginGate logins, AccessTokens accessTokens, AnonymousPull anonymous) {
    this.logins = logins;
    this.accessTokens = accessTokens;
    this.anonymous = anonymous;
  }

  public static boolean isTokenPath(String path) {
    return path.equals(Challenges.TOKEN_PATH) || path.equals("/acr" + Challenges.TOKEN_PATH);
  }

  public void handle(Request request, Response response, Callback callback) {
    String method = request.getMethod();
    if (HttpMethod.GET.is(method)) {
      Credentials credentials = Credentials.parse(request.getHeaders().get(HttpHeader.AUTHORIZATION));
      List<String> scopes = Request.extractQueryParameters(request).getValuesOrEmpty("scope");
      respond(request, response, callback, credentials, scopes);
    } else if (HttpMethod.POST.is(method)) {
      // BLOCKING: the handler reads the store and signs a token, so it must not run on a selector thread.
      FormFields.onFields(request, StandardCharsets.UTF_8, MAX_FORM_FIELDS, MAX_FORM_BYTES,
          Promise.Invocable.from(InvocationType.BLOCKING, fields -> handleForm(request, response, callback, fields),
              failure -> ErrorResponses.write(request, response, callback,
                  RegistryError.of(ErrorCode.UNSUPPORTED_VALUE, "the token request form could not be read"))));
    } else {
      ErrorResponses.write(request, response, callback,
          RegistryError.of(ErrorCode.UNSUPPORTED).withHeader(HttpHeader.ALLOW.asString(), "GET, POST"));
    }
  }

  private void handleForm(Request request, Response response, Callback callback, Fields form) {
    String grantType = form.getValue("grant_type");
    if (!"password".equals(grantType)) {
      ErrorResponses.write(request, response, callback, RegistryError.of(ErrorCode.UNSUPPORTED_VALUE,
          "grant_type '" + grantType + "' is not supported; use password, or GET with Basic credentials"));
      return;
    }
    String username = form.getValue("username");
    String password = form.getValue("password");
    Credentials credentials = username == null || password == null
        ? new Credentials.None() : new Credentials.Basic(username, password);
    respond(request, response, callback, credentials, form.getValuesOrEmpty("scope"));
  }

  private void respond(Request request, Response response, Callback callback, Credentials credentials,
      List<String> scopeParameters) {
    if (credentials instanceof Credentials.None && anonymous.enabled()) {
      anonymousToken(request, response, callback, Scope.parseAll(scopeParameters));
      return;
    }
    Optional<PasswordLogin> login;
    try {
      login = credentials instanceof Credentials.Basic basic
          ? logins.login(request, basic.username(), basic.password())
          : Optional.empty();
    } catch (RegistryException refused) { // the POST form is answered outside the API handler's catch
      ErrorResponses.write(request, response, callback, refused.error());
      return;
    }
    if (login.isEmpty()) {
      ErrorResponses.write(request, response, callback, RegistryError.of(ErrorCode.UNAUTHORIZED)
          .withHeader(HttpHeader.WWW_AUTHENTICATE.asString(), "Basic realm=\"" + accessTokens.audience() + "\""));
      return;
    }
    GrantedAccess access = ScopeGranter.grant(login.get().token(), Scope.parseAll(scopeParameters));
    send(request, response, callback, accessTokens.issue(login.get(), access));
  }

  /**
   * Docker, skopeo and containerd ask the realm for a token without credentials when they have
   * none, so anonymous pull needs an answer here: a token granting only the requested pulls that
   * {@code serve.anonymous} allows (possibly none; the registry then answers 401 with the challenge).
   */
  private void anonymousToken(Request request, Response response, Callback callback, List<Scope> scopes) {
    GrantedAccess access = ScopeGranter.grant(anonymous.asToken(), scopes);
    send(request, response, callback, accessTokens.issue(AnonymousPull.SUBJECT, Optional.empty(),
        new GrantedAccess(access.repositories(), false)));
  }

  private static void send(Request request, Response response, Callback callback, IssuedToken issued) {
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    Replies.sendJson(request, response, callback, 200, body(issued));
  }

  private static Map<String, Object> body(IssuedToken issued) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", issued.jwt());
    body.put("access_token", issued.jwt());
    body.put("expires_in", issued.expiresIn().toSeconds());
    body.put("issued_at", DateTimeFormatter.ISO_INSTANT.format(issued.issuedAt()));
    return body;
  }
}
