package dev.outpost.sync.bundle;

import dev.outpost.store.model.Digest;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One OCI image layout being written, as a directory or as an uncompressed POSIX tar: blobs under
 * {@code blobs/<alg>/<hex>}, then small files ({@code oci-layout}, {@code index.json},
 * {@code outpost-bundle.json}). Every blob is hashed as it is written and refused (nothing of it
 * kept) when it does not match its digest; what {@link #holds} reports was verified. Resumable:
 * reopening a layout an interrupted writer left keeps every complete blob and file, and a partial
 * blob is resumed (directory) or dropped (tar: cut back to the last complete entry).
 */
public interface LayoutWriter extends AutoCloseable {
  /** The name of the layout marker file. */
  String OCI_LAYOUT = "oci-layout";
  /** The name of the layout's index. */
  String INDEX_JSON = "index.json";

  /** The directory or tar file. */
  Path path();

  /** True when blob {@code digest} is complete (verified) in this layout. */
  boolean holds(Digest digest);

  /**
   * Streams blob {@code digest} of {@code size} bytes from {@code opener} into the layout unless it
   * is already there. Returns the bytes that passed now (a resumed partial counts only the rest).
   */
  long writeBlob(Digest digest, long size, BlobOpener opener) throws IOException;

  /** True when the small file {@code name} is complete in this layout. */
  boolean hasFile(String name);

  /** Writes (or replaces, in a directory) the small file {@code name}. */
  void writeFile(String name, byte[] bytes) throws IOException;

  /** Makes everything durable; a tar gets its end-of-archive marker. The layout is closed after. */
  void finish() throws IOException;

  /** Releases the layout without finishing it: an interrupted writer's state stays for a resume. */
  @Override
  void close() throws IOException;
}
