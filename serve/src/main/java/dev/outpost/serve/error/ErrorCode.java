package dev.outpost.serve.error;

/**
 * The wire error codes this endpoint uses, each with its HTTP status and default message. This is
 * the one table that maps a code to a status (distribution's {@code errcode/register.go}); nothing
 * else in serve chooses an error status.
 *
 * <p>Codes are those of the OCI distribution spec, plus two that CNCF distribution registers and
 * clients understand: {@code PAGINATION_NUMBER_INVALID} from its v2 group, {@code UNSUPPORTED_VALUE}
 * from its token server (for a grant type we do not offer), and two for the request limits Jetty
 * enforces before any handler runs, which the spec has no code for: {@code URI_TOO_LONG} (414) and
 * {@code HEADERS_TOO_LARGE} (431). An unsatisfiable range is a 416 without a body, not an error
 * code: the spec lists none for it.
 */
public enum ErrorCode {
  BLOB_UNKNOWN(404, "blob unknown to registry"),
  DIGEST_INVALID(400, "provided digest is invalid"),
  MANIFEST_UNKNOWN(404, "manifest unknown"),
  NAME_INVALID(400, "invalid repository name"),
  NAME_UNKNOWN(404, "repository name not known to registry"),
  PAGINATION_NUMBER_INVALID(400, "invalid number of results requested"),
  UNAUTHORIZED(401, "authentication required"),
  DENIED(403, "requested access to the resource is denied"),
  UNSUPPORTED(405, "the operation is unsupported"),
  UNSUPPORTED_VALUE(400, "unsupported value"),
  TOOMANYREQUESTS(429, "too many requests"),
  URI_TOO_LONG(414, "request line too long"),
  HEADERS_TOO_LARGE(431, "request header fields too large"),
  UNKNOWN(500, "unknown error");

  private final int status;
  private final String defaultMessage;

  ErrorCode(int status, String defaultMessage) {
    this.status = status;
    this.defaultMessage = defaultMessage;
  }

  public int status() {
    return status;
  }

  public String defaultMessage() {
    return defaultMessage;
  }
}
