package dev.outpost.agent.cli;

import dev.outpost.agent.status.StatusRenderer;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.engine.SyncListener;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a pass took from the link, printed at its end so a site can see that a stop lost nothing:
 * bytes transferred, the partial downloads it resumed (and from where), and the partial downloads
 * it leaves for the next pass (every byte received is kept at a stop). A later pass that resumes at
 * exactly the bytes an earlier one kept has fetched nothing twice.
 */
final class TransferTally implements SyncListener {
  private final AtomicLong transferred = new AtomicLong();
  private final AtomicLong resumedBlobs = new AtomicLong();
  private final AtomicLong resumedFrom = new AtomicLong();
  /** Blobs started and not finished: digest to bytes held (resumed offset plus bytes received). */
  private final Map<Digest, AtomicLong> open = new ConcurrentHashMap<>();

  @Override
  public void blobStarted(RepositoryName repository, Digest digest, long size, long alreadyPresent) {
    if (alreadyPresent > 0 && alreadyPresent < size) {
      resumedBlobs.incrementAndGet();
      resumedFrom.addAndGet(alreadyPresent);
    }
    open.put(digest, new AtomicLong(alreadyPresent));
  }

  @Override
  public void bytesProgressed(Digest digest, long bytes) {
    transferred.addAndGet(bytes);
    AtomicLong held = open.get(digest);
    if (held != null) {
      held.addAndGet(bytes);
    }
  }

  @Override
  public void blobDone(Digest digest) {
    open.remove(digest);
  }

  long transferred() {
    return transferred.get();
  }

  /** Bytes of partial downloads this pass leaves behind, all durable after a clean stop. */
  long keptForNextPass() {
    return open.values().stream().mapToLong(AtomicLong::get).filter(held -> held > 0).sum();
  }

  void print(PrintWriter out) {
    StringBuilder line = new StringBuilder("transferred ").append(bytes(transferred.get()));
    if (resumedBlobs.get() > 0) {
      line.append("; resumed ").append(resumedBlobs.get()).append(" partial download(s) at ")
          .append(bytes(resumedFrom.get())).append(" kept by an earlier pass");
    }
    long kept = keptForNextPass();
    if (kept > 0) {
      line.append("; kept ").append(bytes(kept)).append(" of partial downloads for the next pass");
    }
    out.println(line);
  }

  private static String bytes(long n) {
    return n + " bytes (" + StatusRenderer.size(n) + ")";
  }
}
