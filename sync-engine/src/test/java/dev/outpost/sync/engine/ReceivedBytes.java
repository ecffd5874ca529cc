package dev.outpost.sync.engine;

import dev.outpost.store.model.Digest;
import java.util.concurrent.atomic.AtomicLong;

/** A listener that counts the bytes of one blob reaching the store during a pass. */
final class ReceivedBytes implements SyncListener {
  private final Digest digest;
  final AtomicLong bytes = new AtomicLong();

  ReceivedBytes(Digest digest) {
    this.digest = digest;
  }

  @Override
  public void bytesProgressed(Digest progressed, long n) {
    if (progressed.equals(digest)) {
      bytes.addAndGet(n);
    }
  }
}
