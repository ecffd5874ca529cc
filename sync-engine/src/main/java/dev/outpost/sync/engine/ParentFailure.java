package dev.outpost.sync.engine;

import dev.outpost.sync.auth.InsecureRealmException;
import dev.outpost.sync.auth.entra.EntraIdentity;
import dev.outpost.sync.auth.entra.EntraTokenException;
import dev.outpost.sync.http.Origins;
import dev.outpost.sync.http.ParentException;
import dev.outpost.sync.parent.ParentEndpoint;
import java.util.Optional;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;

/**
 * Why a pass could not start: the parent could not be reached, or it refused our credentials (or
 * named a plain-http token realm, to which they are not sent). The
 * two are told apart because a site engineer does different things about them (check the link, or
 * check the sync token), and scripts get a different exit code for each.
 *
 * <p>A refusal is a 401 or 403 from the parent or from the token realm it named, after the
 * credentials were offered; a 401/403 from where the parent redirected a blob (an expired signed
 * storage URL) is not one. The reason names the user and the host or realm that refused, never the
 * password.
 */
public record ParentFailure(Kind kind, String reason) {
  /** What went wrong with the parent. */
  public enum Kind { UNREACHABLE, CREDENTIALS_REFUSED }

  /** Classifies the failure of the pass's first request to {@code parent}. */
  public static ParentFailure of(Throwable failure, ParentEndpoint parent) {
    if (failure instanceof EntraTokenException entra) {
      // The identity could not be had: a credentials problem to fix at the identity, not the link.
      return new ParentFailure(Kind.CREDENTIALS_REFUSED, "no Entra ID token for the parent " + addresses(parent) + ": "
          + Reasons.oneLine(entra));
    }
    Optional<InsecureRealmException> insecure = insecureRealm(failure);
    if (insecure.isPresent()) {
      // The parent answered; its realm is the problem, so this is fixed where credentials are, not on the link.
      return new ParentFailure(Kind.CREDENTIALS_REFUSED, "credentials not sent: " + insecure.get().getMessage());
    }
    Optional<ParentException> refusal = refusal(failure);
    if (refusal.isPresent()) {
      ParentException p = refusal.get();
      return new ParentFailure(Kind.CREDENTIALS_REFUSED,
          "the parent refused the credentials (" + who(parent) + " at " + where(p, parent) + "): " + detail(p));
    }
    return new ParentFailure(Kind.UNREACHABLE, "cannot reach the parent " + addresses(parent) + ": " + Reasons.oneLine(failure));
  }

  /** A source other than a registry (a bundle on disk) could not be read at all. */
  public static ParentFailure unreadable(String source, Throwable failure) {
    return new ParentFailure(Kind.UNREACHABLE, "cannot read the " + source + ": " + Reasons.oneLine(failure));
  }

  /** True for a 401/403 from the registry or its token realm (not from a redirect target). */
  public static boolean refusedCredentials(Throwable failure) {
    return refusal(failure).isPresent();
  }

  /**
   * The 401/403 in {@code failure} or its causes: a refusal wrapped on the way (the last address
   * of a failover, after the others were passed over) is still a refusal, not an unreachable parent.
   */
  private static Optional<ParentException> refusal(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ParentException p && (p.status() == 401 || p.status() == 403) && !p.fromRedirectTarget()) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static Optional<InsecureRealmException> insecureRealm(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InsecureRealmException e) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private static String addresses(ParentEndpoint parent) {
    return parent.fallbackUrls().isEmpty() ? parent.baseUrl().toString()
        : parent.inPriorityOrder().stream().map(a -> a.baseUrl().toString()).collect(Collectors.joining(" or "));
  }

  private static String who(ParentEndpoint parent) {
    return parent.credentials().map(c -> "user '" + c.username() + "'")
        .or(() -> parent.entra().map(EntraIdentity::toString)).orElse("no user configured");
  }

  private static String where(ParentException p, ParentEndpoint parent) {
    Optional<HttpUrl> answeredBy = p.answeredBy();
    // With several addresses, the one that answered: the first whose origin matches, else the first.
    HttpUrl registry = parent.inPriorityOrder().stream().map(a -> HttpUrl.get(a.baseUrl()))
        .filter(a -> answeredBy.isPresent() && Origins.same(answeredBy.get(), a)).findFirst()
        .orElse(HttpUrl.get(parent.baseUrl()));
    String host = registry.host() + ":" + registry.port();
    boolean byRegistry = answeredBy.isEmpty()
        || (Origins.same(answeredBy.get(), registry) && answeredBy.get().encodedPath().startsWith("/v2/"));
    return byRegistry ? host : "the token realm " + answeredBy.get() + " of " + host;
  }

  /** "HTTP 401 UNAUTHORIZED (…)" out of "Tried to … from …: HTTP 401 UNAUTHORIZED (…)". */
  private static String detail(ParentException p) {
    String message = Reasons.oneLine(p);
    int http = message.lastIndexOf(": HTTP ");
    return http < 0 ? message : message.substring(http + 2);
  }
}
