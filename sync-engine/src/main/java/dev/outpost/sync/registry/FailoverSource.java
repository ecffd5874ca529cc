package dev.outpost.sync.registry;

import dev.outpost.sync.http.ParentException;
import dev.outpost.sync.http.PermanentFailure;
import dev.outpost.sync.http.UnusableResponseException;
import dev.outpost.sync.source.ContentSource;
import dev.outpost.sync.source.ForwardingSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One parent reachable at several addresses in priority order (a private endpoint, the public one,
 * a replica). Each pass's {@link #ping} tries them in order and the first that answers serves the
 * whole pass; so a pass after the first address recovers goes back to it. An address is passed over
 * for connection failures and 5xx only: a refusal of the credentials (401/403) or an unusable answer
 * is the parent's word and is reported, not hidden by trying elsewhere. Every address but the last
 * is probed once; the last is pinged under the retry policy. A pass whose address fails midway is
 * not moved to another: its repositories fail as they would, and the next pass chooses again.
 */
public final class FailoverSource extends ForwardingSource {
  private final List<RegistryClient> addresses;
  private volatile RegistryClient current;

  /** {@code addresses} in priority order; closed with this source. */
  public FailoverSource(List<RegistryClient> addresses) {
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("a parent needs at least one address");
    }
    this.addresses = List.copyOf(addresses);
    this.current = this.addresses.getFirst();
  }

  @Override
  protected ContentSource delegate() {
    return current;
  }

  /** The address serving this pass (the first until a ping chose). */
  public java.net.URI serving() {
    return current.address();
  }

  @Override
  public void ping() throws IOException {
    List<String> passedOver = new ArrayList<>();
    for (RegistryClient address : addresses) {
      try {
        if (address == addresses.getLast()) {
          address.ping(); // the last resort gets the retry policy's patience
        } else {
          address.probe(); // one attempt: a down address should not cost a minute of retries
        }
        current = address;
        return;
      } catch (IOException | RuntimeException e) {
        if (!worthAnotherAddress(e) || address == addresses.getLast()) {
          if (passedOver.isEmpty()) {
            throw e;
          }
          throw new IOException(address.describe() + ": " + e.getMessage() + " (after " + String.join("; ", passedOver) + ")", e);
        }
        passedOver.add(address.describe() + ": " + e.getMessage());
      }
    }
  }

  /** Connection failures and 5xx say this address is down; anything else is the parent's answer. */
  static boolean worthAnotherAddress(Throwable failure) {
    if (failure instanceof ParentException p) {
      return p.status() >= 500;
    }
    return failure instanceof IOException && !(failure instanceof UnusableResponseException)
        && !(failure instanceof PermanentFailure);
  }

  @Override
  public void close() {
    addresses.forEach(RegistryClient::close);
  }
}
