package dev.outpost.sync.bundle;

import dev.outpost.store.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * A bundle part written as an uncompressed POSIX tar. Commons Compress's {@link TarFile} reads the
 * headers (PAX long names, sizes over 8 GiB) with random access; a blob is then read straight from
 * its data offset in the file, so an import resumes a blob mid-way without reading what is before it.
 */
final class TarPart implements BundlePart {
  /** Where one entry's bytes lie in the tar. */
  private record Extent(long offset, long size) {}

  private final Path tar;
  private final BundleManifest manifest;
  private final Map<String, Extent> entries;

  private TarPart(Path tar, BundleManifest manifest, Map<String, Extent> entries) {
    this.tar = tar;
    this.manifest = manifest;
    this.entries = entries;
  }

  /** Opens the tar; refuses one whose headers cannot be read or without {@value BundleManifest#FILE_NAME}. */
  static TarPart open(Path tar) throws IOException {
    Map<String, Extent> entries = new HashMap<>();
    byte[] manifestBytes = null;
    try (TarFile file = new TarFile(tar)) {
      List<TarArchiveEntry> all = file.getEntries();
      for (TarArchiveEntry entry : all) {
        if (!entry.isFile() || entry.isSparse()) {
          continue;
        }
        String name = normalized(entry.getName());
        entries.put(name, new Extent(entry.getDataOffset(), entry.getSize()));
        if (name.equals(BundleManifest.FILE_NAME)) {
          if (entry.getSize() > BundleJson.MAX_BYTES) {
            throw new InvalidBundleException(tar + "!" + name + ": larger than " + BundleJson.MAX_BYTES + " bytes");
          }
          try (InputStream in = file.getInputStream(entry)) {
            manifestBytes = in.readNBytes((int) entry.getSize());
          }
        }
      }
    } catch (InvalidBundleException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new InvalidBundleException(tar + " is not a readable tar (truncated or damaged?): " + e.getMessage(), e);
    }
    if (manifestBytes == null) {
      throw new InvalidBundleException(tar + " is not a complete bundle part: it has no " + BundleManifest.FILE_NAME
          + " (written last: 'bundle create' did not finish, or the tar was cut short)");
    }
    return new TarPart(tar, BundleJson.readManifest(manifestBytes, tar + "!" + BundleManifest.FILE_NAME), Map.copyOf(entries));
  }

  /** {@code ./blobs/…} and {@code blobs/…} name the same entry. */
  private static String normalized(String name) {
    return name.startsWith("./") ? name.substring(2) : name;
  }

  @Override
  public Path path() {
    return tar;
  }

  @Override
  public BundleManifest manifest() {
    return manifest;
  }

  @Override
  public OptionalLong size(Digest digest) {
    Extent extent = entries.get(BundlePart.blobName(digest));
    return extent == null ? OptionalLong.empty() : OptionalLong.of(extent.size());
  }

  @Override
  public SeekableByteChannel open(Digest digest, long from) throws IOException {
    Extent extent = entries.get(BundlePart.blobName(digest));
    if (extent == null) {
      throw new IOException(tar + " has no entry " + BundlePart.blobName(digest));
    }
    return new EntryChannel(FileChannel.open(tar, StandardOpenOption.READ), extent, from);
  }

  @Override
  public void close() {
    // Each open() has a channel of its own, closed by its reader.
  }

  @Override
  public String toString() {
    return tar.toString();
  }

  /** The bytes of one entry as a channel of their own: position 0 is the entry's first byte. */
  private static final class EntryChannel implements SeekableByteChannel {
    private final FileChannel file;
    private final Extent extent;
    private long position;

    EntryChannel(FileChannel file, Extent extent, long position) {
      this.file = file;
      this.extent = extent;
      this.position = position;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      long left = extent.size() - position;
      if (left <= 0) {
        return -1;
      }
      ByteBuffer window = dst.remaining() > left ? dst.slice().limit((int) left) : dst;
      int n = file.read(window, extent.offset() + position);
      if (window != dst && n > 0) {
        dst.position(dst.position() + n);
      }
      if (n > 0) {
        position += n;
      }
      return n;
    }

    @Override
    public int write(ByteBuffer src) {
      throw new NonWritableChannelException();
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
      position = newPosition;
      return this;
    }

    @Override
    public long size() {
      return extent.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
      throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
      return file.isOpen();
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }
}
