package dev.outpost.serve.auth;

import dev.outpost.serve.error.ErrorCode;
import dev.outpost.serve.error.RegistryError;
import dev.outpost.serve.limits.LoginLimiter;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Every password check of the endpoint (Basic credentials on the API, the token endpoint's GET and
 * POST) goes through here: refused with 429 TOOMANYREQUESTS and {@code Retry-After} while the
 * client's address or the token name has used up its failures ({@link LoginLimiter}), else checked
 * by the {@link ClientAuthenticator} (constant time) and counted when wrong. The address is the TCP
 * peer's: a header such as {@code X-Forwarded-For} is the client's to forge.
 */
public final class LoginGate {
  private final ClientAuthenticator authenticator;
  private final LoginLimiter limiter;

  public LoginGate(ClientAuthenticator authenticator, LoginLimiter limiter) {
    this.authenticator = authenticator;
    this.limiter = limiter;
  }

  /**
   * The token and slot whose password this is, or empty when it is wrong (or not usable now).
   *
   * @throws dev.outpost.serve.error.RegistryException TOOMANYREQUESTS while logins are refused
   */
  public Optional<PasswordLogin> login(Request request, String name, String password) {
    String address = Request.getRemoteAddr(request);
    Optional<Duration> wait = limiter.refusal(address, name);
    if (wait.isPresent()) {
      throw RegistryError.of(ErrorCode.TOOMANYREQUESTS, "too many failed logins; retry later")
          .withHeader(HttpHeader.RETRY_AFTER.asString(), Long.toString(retryAfterSeconds(wait.get())))
          .toException();
    }
    Optional<PasswordLogin> login = authenticator.login(name, password);
    if (login.isEmpty()) {
      limiter.failed(address, name);
    }
    return login;
  }

  /** Whole seconds, rounded up and at least 1: a client told 0 would retry at once. */
  static long retryAfterSeconds(Duration wait) {
    long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }
}
