package dev.outpost.store.rocks;

import dev.outpost.store.BlobIngest;
import dev.outpost.store.LocalStore;
import dev.outpost.store.model.Digest;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The child JVM of the multi-process tests: holds the store open, or ingests and then keeps
 * writing until it is killed. Talks to the parent through single lines on stdout.
 */
public final class StoreChildProcess {
  private StoreChildProcess() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path data = Path.of(args[1]);
    switch (args[0]) {
      case "hold" -> hold(data);
      case "ingest-until-killed" -> ingestUntilKilled(data, Long.parseLong(args[2]), Integer.parseInt(args[3]),
          Integer.parseInt(args[4]));
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  /** Opens the store and keeps it open until stdin closes. */
  private static void hold(Path data) throws IOException {
    try (LocalStore store = RocksLocalStore.open(data)) {
      System.out.println("OPEN " + store.dataDirectory());
      System.out.flush();
      while (System.in.read() >= 0) {
        // Wait for the parent to close our stdin.
      }
    }
  }

  /**
   * Writes the first {@code checkpointAt} bytes of the content and checkpoints, then keeps writing
   * the rest in small slices, never committing, until the parent kills the process.
   */
  private static void ingestUntilKilled(Path data, long seed, int size, int checkpointAt) throws InterruptedException {
    byte[] content = TestContent.randomBytes(seed, size);
    LocalStore store = RocksLocalStore.open(data);
    BlobIngest ingest = store.openIngest(Digest.sha256(content), size, "child");
    ingest.write(content, 0, checkpointAt);
    ingest.checkpoint();
    System.out.println("CHECKPOINTED " + ingest.offset());
    System.out.flush();
    int position = checkpointAt;
    while (true) {
      int slice = Math.min(4096, size - 1 - position);
      if (slice > 0) {
        ingest.write(content, position, slice);
        position += slice;
      }
      Thread.sleep(1);
    }
  }
}
