package dev.outpost.sync.bundle;

import dev.outpost.store.model.ContentVerifier;
import dev.outpost.store.model.Digest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * An OCI image layout written as an uncompressed POSIX tar (PAX headers for long names and for
 * entries over 8 GiB), its entries at the top level. Each entry is streamed and hashed; one that
 * does not verify, or whose source fails for good, is cut off again, so the file always ends after
 * a complete entry. A journal beside the tar (one line per complete, verified entry: its end
 * offset and name, fsynced) is what a resume trusts: the tar is cut back to the last journalled
 * entry (dropping a partial entry and the end-of-archive marker) and appended to.
 *
 * <p>Records of 512 bytes (no 10 KiB blocking): the archive is entries plus the two zero records
 * that end it, and an append point is any entry boundary.
 */
public final class TarLayout implements LayoutWriter {
  private static final int RECORD = 512;
  private static final int WRITE_BUFFER = 1024 * 1024;

  private final Path tar;
  private final Path journal;
  private final Instant modTime;
  private final BlobCopy copy;
  private final FileChannel channel;
  /** Complete entries by name, with the offset where each ends. */
  private final Map<String, Long> complete;
  private BufferedOutputStream buffered;
  private TarArchiveOutputStream out;

  private TarLayout(Path tar, Path journal, Instant modTime, BlobCopy copy, FileChannel channel,
      Map<String, Long> complete) throws IOException {
    this.tar = tar;
    this.journal = journal;
    this.modTime = modTime;
    this.copy = copy;
    this.channel = channel;
    this.complete = complete;
    restartAt(complete.values().stream().mapToLong(Long::longValue).max().orElse(0));
  }

  /**
   * Opens {@code tar} for appending, trusting {@code journal}: entries it lists that the file holds
   * whole are kept; the file is cut after the last of them. Without a journal the tar starts empty.
   */
  public static TarLayout open(Path tar, Path journal, Instant modTime, BlobCopy copy) throws IOException {
    Files.createDirectories(tar.toAbsolutePath().getParent());
    Files.createDirectories(journal.toAbsolutePath().getParent());
    FileChannel channel = FileChannel.open(tar, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      Map<String, Long> complete = readJournal(journal, channel.size());
      rewriteJournal(journal, complete);
      return new TarLayout(tar, journal, modTime, copy, channel, complete);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The journal's entries, in order, up to the first that the file does not hold whole (or a torn line). */
  private static Map<String, Long> readJournal(Path journal, long tarSize) throws IOException {
    Map<String, Long> complete = new LinkedHashMap<>();
    if (!Files.isRegularFile(journal)) {
      return complete;
    }
    for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
      int space = line.indexOf(' ');
      long end;
      try {
        end = space > 0 ? Long.parseLong(line.substring(0, space)) : -1;
      } catch (NumberFormatException torn) {
        break;
      }
      if (end <= 0 || end > tarSize || end % RECORD != 0) {
        break;
      }
      complete.put(line.substring(space + 1), end);
    }
    return complete;
  }

  private static void rewriteJournal(Path journal, Map<String, Long> complete) throws IOException {
    List<String> lines = new ArrayList<>();
    complete.forEach((name, end) -> lines.add(end + " " + name));
    Files.write(journal, lines, StandardCharsets.UTF_8);
  }

  @Override
  public Path path() {
    return tar;
  }

  private static String blobName(Digest digest) {
    return "blobs/" + digest.algorithm() + "/" + digest.hex();
  }

  @Override
  public boolean holds(Digest digest) {
    return complete.containsKey(blobName(digest));
  }

  @Override
  public long writeBlob(Digest digest, long size, BlobOpener opener) throws IOException {
    if (holds(digest)) {
      return 0;
    }
    append(blobName(digest), ContentVerifier.of(digest, size), size, opener);
    return size;
  }

  @Override
  public boolean hasFile(String name) {
    return complete.containsKey(name);
  }

  /** A file once in the tar stays: the writer writes each small file once, in its final form. */
  @Override
  public void writeFile(String name, byte[] bytes) throws IOException {
    if (!hasFile(name)) {
      append(name, ContentVerifier.of(Digest.sha256(bytes), bytes.length), bytes.length, BlobOpener.of(bytes));
    }
  }

  private void append(String name, ContentVerifier verifier, long size, BlobOpener opener) throws IOException {
    long start = position();
    try {
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setSize(size);
      entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE);
      entry.setModTime(java.nio.file.attribute.FileTime.from(modTime));
      out.putArchiveEntry(entry);
      copy.copy(opener, verifier, size, out);
      out.closeArchiveEntry();
      out.flush();
      buffered.flush();
      channel.force(false);
    } catch (IOException | RuntimeException e) {
      // Whatever of this entry reached the file goes: the tar ends after the last complete entry again.
      restartAt(start);
      throw e;
    }
    long end = position();
    complete.put(name, end);
    Files.writeString(journal, end + " " + name + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND,
        StandardOpenOption.CREATE, StandardOpenOption.SYNC);
  }

  /** The file offset after everything written so far. */
  private long position() throws IOException {
    out.flush();
    buffered.flush();
    return channel.position();
  }

  /**
   * Cuts the file at {@code offset} and starts a fresh tar stream there. The stream objects of a
   * failed entry are dropped unflushed: nothing they still buffer reaches the file.
   */
  private void restartAt(long offset) throws IOException {
    channel.truncate(offset).position(offset);
    buffered = new BufferedOutputStream(Channels.newOutputStream(channel), WRITE_BUFFER) {
      @Override
      public void close() throws IOException {
        flush(); // the channel outlives each stream
      }
    };
    out = new TarArchiveOutputStream(buffered, RECORD, StandardCharsets.UTF_8.name());
    out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  @Override
  public void finish() throws IOException {
    out.finish();
    out.flush();
    buffered.flush();
    channel.force(true);
    channel.close();
  }

  @Override
  public void close() throws IOException {
    if (channel.isOpen()) {
      channel.close();
    }
  }
}
