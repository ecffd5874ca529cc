package dev.outpost.sync.auth;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The parent's credentials as last read, shared by the auth interceptor (Basic to the registry) and
 * the token client (Basic to the realm), and renewed after a rejection: when the parent or its realm
 * answers 401 to the credentials sent, they are read once more from their file; if they changed (the
 * password was rotated mid-pass), the caller tries once more with the new ones, else the 401 stands
 * and is reported as rejected credentials.
 *
 * <p>Why here and not in {@code http.RetryPolicy}: the policy retries the same request after a
 * failure of the link or a busy parent, and rightly treats a 401 as final (the same credentials are
 * rejected again). This is not a retry of the same request but a new request with other credentials,
 * and only the auth layer knows which credentials were sent and where they come from.
 */
public final class RenewableCredentials {
  private final AtomicReference<Optional<ParentCredentials>> current;
  private final CredentialReader reader;

  public RenewableCredentials(Optional<ParentCredentials> initial, CredentialReader reader) {
    this.current = new AtomicReference<>(initial);
    this.reader = reader;
  }

  /** Credentials given once, never re-read. */
  public static RenewableCredentials fixed(Optional<ParentCredentials> credentials) {
    return new RenewableCredentials(credentials, CredentialReader.NONE);
  }

  /** The credentials to send now (empty: anonymous). */
  public Optional<ParentCredentials> current() {
    return current.get();
  }

  /**
   * After {@code rejected} drew a 401: the credentials worth one more try, if any. When another
   * request already renewed them, those; else the file is read once, and what it holds if it differs
   * from {@code rejected}. Empty when there is nothing new (or the file cannot be read just now):
   * the rejection stands.
   */
  public Optional<ParentCredentials> renewAfterRejection(ParentCredentials rejected) {
    Optional<ParentCredentials> now = current.get();
    if (now.isPresent() && !now.get().equals(rejected)) {
      return now;
    }
    Optional<ParentCredentials> reread;
    try {
      reread = reader.read();
    } catch (RuntimeException unreadable) {
      return Optional.empty(); // mid-rotation: the rejection stands, and the next pass reads the file again
    }
    if (reread.isEmpty() || reread.get().equals(rejected)) {
      return Optional.empty();
    }
    current.compareAndSet(now, reread);
    return current.get();
  }
}
