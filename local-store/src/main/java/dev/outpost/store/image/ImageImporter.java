package dev.outpost.store.image;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.BlobIngest;
import dev.outpost.store.LocalStore;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes images built in memory ({@link ImageBuilder}, {@link IndexBuilder}) into a store through
 * its public write API, in the order sync uses: blobs ingested and verified, then manifests
 * bottom-up, then the tags (closure before visibility). Blobs are streamed in chunks ({@link #blob(Digest,
 * long, BlobContent)}), resumable from the last checkpoint. For samples, demos and tests.
 */
public final class ImageImporter {
  /** Durable progress every 8 MiB, sync's default chunk: a killed import re-reads at most this much. */
  static final int CHUNK = 8 * 1024 * 1024;
  private static final int BUFFER = 1024 * 1024;

  private final LocalStore store;

  public ImageImporter(LocalStore store) {
    this.store = store;
  }

  /** Writes {@code image}'s blobs and manifest into {@code repository}, then points each tag at it. */
  public Digest importImage(RepositoryName repository, Image image, Tag... tags) {
    for (Map.Entry<Digest, byte[]> blob : image.blobs().entrySet()) {
      blob(blob.getKey(), blob.getValue());
    }
    return importManifest(repository, image.manifest(), tags);
  }

  /** Writes every image of {@code index}, then the index, then points each tag at the index. */
  public Digest importIndex(RepositoryName repository, Index index, Tag... tags) {
    for (Image image : index.images()) {
      importImage(repository, image);
    }
    return importManifest(repository, index.manifest(), tags);
  }

  /** Commits a manifest whose blobs and children are already in the store, then points each tag at it. */
  public Digest importManifest(RepositoryName repository, ManifestContent manifest, Tag... tags) {
    store.commitManifest(repository, manifest, Set.of());
    for (Tag tag : tags) {
      store.commitTag(repository, tag, manifest.digest());
    }
    return manifest.digest();
  }

  /** Ingests {@code content} unless the store already holds it; returns the stored blob. */
  public BlobInfo blob(byte[] content) {
    return blob(Digest.sha256(content), content);
  }

  private BlobInfo blob(Digest digest, byte[] content) {
    return blob(digest, content.length, from -> new ByteArrayInputStream(content, (int) from, content.length - (int) from));
  }

  /** Blob bytes from an offset on: a file, a generator, a download. */
  @FunctionalInterface
  public interface BlobContent {
    /** The blob's bytes from byte {@code from} to its end. */
    InputStream open(long from) throws IOException;
  }

  /**
   * Ingests blob {@code digest} of {@code size} bytes unless the store holds it, streaming through
   * one buffer (memory does not grow with the blob) and checkpointing every {@value #CHUNK} bytes, so
   * an interrupted import resumes at its last checkpoint: {@code content} is opened there. The
   * store verifies digest and size before the blob becomes visible.
   */
  public BlobInfo blob(Digest digest, long size, BlobContent content) {
    Optional<BlobInfo> stored = store.stat(digest);
    if (stored.isPresent()) {
      return stored.get();
    }
    try (BlobIngest ingest = store.openIngest(digest, size, "import");
        InputStream in = content.open(ingest.offset())) {
      byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(1, size))];
      long nextCheckpoint = ingest.offset() + CHUNK;
      for (int n; ingest.offset() < size && (n = in.read(buffer, 0, (int) Math.min(buffer.length, size - ingest.offset()))) > 0; ) {
        ingest.write(buffer, 0, n);
        if (ingest.offset() >= nextCheckpoint && ingest.offset() < size) {
          ingest.checkpoint();
          nextCheckpoint = ingest.offset() + CHUNK;
        }
      }
      return ingest.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read blob " + digest + " to import it: " + e.getMessage(), e);
    }
  }
}
