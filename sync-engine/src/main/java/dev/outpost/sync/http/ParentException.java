package dev.outpost.sync.http;

import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * The parent registry answered with an error status. Carries the status, the distribution-spec
 * error code when the body was the JSON envelope, and the raw {@code Retry-After} header; the
 * message says what was being attempted ("Tried to fetch blob … of … from …: …").
 */
public final class ParentException extends RuntimeException {
  private final int status;
  private final Optional<String> errorCode;
  private final Optional<String> retryAfter;
  private final boolean fromRedirectTarget;
  private final Optional<HttpUrl> answeredBy;

  public ParentException(String message, int status, Optional<String> errorCode, Optional<String> retryAfter) {
    this(message, status, errorCode, retryAfter, false);
  }

  public ParentException(String message, int status, Optional<String> errorCode, Optional<String> retryAfter,
      boolean fromRedirectTarget) {
    this(message, status, errorCode, retryAfter, fromRedirectTarget, Optional.empty());
  }

  public ParentException(String message, int status, Optional<String> errorCode, Optional<String> retryAfter,
      boolean fromRedirectTarget, Optional<HttpUrl> answeredBy) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.retryAfter = retryAfter;
    this.fromRedirectTarget = fromRedirectTarget;
    this.answeredBy = answeredBy.map(u -> u.newBuilder().username("").password("").query(null).build());
  }

  /**
   * The URL that answered with this status (the registry, or the token realm it named), without
   * user info or query, so it is safe to show: which host refused is what a site engineer checks.
   */
  public Optional<HttpUrl> answeredBy() {
    return answeredBy;
  }

  /**
   * True when the error came from where the parent redirected us (blob storage behind a 307), not
   * from the parent itself: a 401/403 there usually means the signed URL expired.
   */
  public boolean fromRedirectTarget() {
    return fromRedirectTarget;
  }

  public int status() {
    return status;
  }

  /** The first code of the distribution-spec error envelope ({@code MANIFEST_UNKNOWN}, …), if any. */
  public Optional<String> errorCode() {
    return errorCode;
  }

  /** The {@code Retry-After} header as sent (seconds or an HTTP date), if any. */
  public Optional<String> retryAfter() {
    return retryAfter;
  }
}
