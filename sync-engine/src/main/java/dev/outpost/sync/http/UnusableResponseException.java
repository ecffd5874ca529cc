package dev.outpost.sync.http;

import java.net.ProtocolException;

/**
 * The parent answered, but the answer cannot be used: a body over its cap, a token response
 * without a token, a range other than the one asked for, a challenge whose realm is not an
 * http(s) URL, Link headers that never end. Asking again gets the same answer, so
 * {@link RetryPolicy} does not retry it (unlike OkHttp's own {@link ProtocolException} for a body
 * that ends early, which a dropped link causes).
 */
public final class UnusableResponseException extends ProtocolException {
  public UnusableResponseException(String message) {
    super(message);
  }
}
