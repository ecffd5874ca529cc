package dev.outpost.sync.source;

import dev.outpost.sync.http.PermanentFailure;
import java.io.IOException;

/**
 * The source does not hold this item and asking again will not change that: a bundle part that
 * carries another part's blobs, a manifest a bundle does not list. Not a transport failure, so
 * the one retry policy does not retry it.
 */
public final class ContentMissingException extends IOException implements PermanentFailure {
  public ContentMissingException(String message) {
    super(message);
  }
}
