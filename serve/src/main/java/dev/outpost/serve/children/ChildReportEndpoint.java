package dev.outpost.serve.children;

import dev.outpost.serve.auth.Credentials;
import dev.outpost.serve.auth.LoginGate;
import dev.outpost.serve.auth.PasswordLogin;
import dev.outpost.serve.error.ErrorCode;
import dev.outpost.serve.error.RegistryError;
import dev.outpost.serve.http.Replies;
import dev.outpost.store.auth.Action;
import dev.outpost.store.auth.ClientToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /outpost/v1/children/report}: a child Outpost's status after a pass, sent with its
 * client token's name and password (Basic, through the {@link LoginGate}, so wrong passwords count
 * toward the login limits). The token must grant {@code metadata/read} on some repository: a token
 * that may read nothing about this registry has no business reporting to it. The report is filed
 * under the token's name (not a name the body claims), so one child cannot overwrite another's.
 * Bodies are capped at {@link #MAX_BODY_BYTES}.
 */
public final class ChildReportEndpoint {
  public static final String PATH = "/outpost/v1/children/report";
  static final int MAX_BODY_BYTES = 16 * 1024;

  private final LoginGate logins;
  private final ChildReports reports;

  public ChildReportEndpoint(LoginGate logins, ChildReports reports) {
    this.logins = logins;
    this.reports = reports;
  }

  public boolean handles(String path) {
    return PATH.equals(path);
  }

  /** Answers 202 when the report is kept; every refusal is thrown as a registry error. */
  public void handle(Request request, Response response, Callback callback) throws IOException {
    if (!HttpMethod.POST.is(request.getMethod())) {
      throw RegistryError.of(ErrorCode.UNSUPPORTED).withHeader(HttpHeader.ALLOW.asString(), "POST").toException();
    }
    ClientToken token = authenticated(request);
    if (token.rules().stream().noneMatch(rule -> rule.actions().contains(Action.METADATA_READ))) {
      throw RegistryError.of(ErrorCode.DENIED, "reporting needs a token with metadata/read").toException();
    }
    byte[] body;
    try (InputStream in = Content.Source.asInputStream(request)) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      throw RegistryError.of(ErrorCode.UNSUPPORTED_VALUE, "a report is at most " + MAX_BODY_BYTES + " bytes")
          .toException();
    }
    try {
      reports.accept(token.name(), body);
    } catch (IllegalArgumentException e) {
      throw RegistryError.of(ErrorCode.UNSUPPORTED_VALUE, "not a child report: " + e.getMessage()).toException();
    }
    Replies.sendJson(request, response, callback, 202, Map.of());
  }

  private ClientToken authenticated(Request request) {
    Optional<PasswordLogin> login = Credentials.parse(request.getHeaders().get(HttpHeader.AUTHORIZATION))
        instanceof Credentials.Basic basic ? logins.login(request, basic.username(), basic.password()) : Optional.empty();
    return login.map(PasswordLogin::token).orElseThrow(() -> RegistryError.of(ErrorCode.UNAUTHORIZED)
        .withHeader(HttpHeader.WWW_AUTHENTICATE.asString(), "Basic realm=\"outpost\"").toException());
  }
}
