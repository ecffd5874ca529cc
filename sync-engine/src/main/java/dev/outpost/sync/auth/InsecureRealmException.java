package dev.outpost.sync.auth;

import dev.outpost.sync.http.PermanentFailure;
import java.net.ProtocolException;

/**
 * An {@code https} parent named a token realm over plain {@code http}: the credentials were not
 * sent there. Not a link problem (the parent answered) and not cured by asking again, so it is
 * permanent for the retry policy and reported with the credentials failures: the parent's or its
 * token service's configuration must change, or the site must trust a realm it can reach safely.
 */
public final class InsecureRealmException extends ProtocolException implements PermanentFailure {
  public InsecureRealmException(String message) {
    super(message);
  }
}
