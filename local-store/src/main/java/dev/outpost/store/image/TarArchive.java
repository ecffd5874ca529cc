package dev.outpost.store.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal ustar writer: one regular file per archive, owned by root, mode 0644, mtime 0, so the
 * same name and content always give the same bytes (and so the same diff_id). Enough for layers
 * that real registries, skopeo and containerd accept; not a general tar library.
 */
public final class TarArchive {
  private static final int BLOCK = 512;
  /** ustar stores the size in 11 octal digits. */
  private static final long MAX_SIZE = 077777777777L;

  private TarArchive() {}

  /** A tar archive holding one regular file {@code name} (ASCII, at most 100 bytes) with {@code content}. */
  public static byte[] singleFile(String name, byte[] content) {
    byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
    if (nameBytes.length == 0 || nameBytes.length > 100) {
      throw new IllegalArgumentException("tar entry name must have 1..100 ASCII bytes: " + name);
    }
    if (content.length > MAX_SIZE) {
      throw new IllegalArgumentException("tar entry too large for ustar: " + content.length);
    }
    int padding = (BLOCK - content.length % BLOCK) % BLOCK;
    ByteArrayOutputStream out = new ByteArrayOutputStream(BLOCK + content.length + padding + 2 * BLOCK);
    out.writeBytes(header(nameBytes, content.length));
    out.writeBytes(content);
    out.writeBytes(new byte[padding]);
    out.writeBytes(new byte[2 * BLOCK]); // end-of-archive marker: two zero blocks
    return out.toByteArray();
  }

  private static byte[] header(byte[] name, long size) {
    byte[] h = new byte[BLOCK];
    System.arraycopy(name, 0, h, 0, name.length);
    octal(h, 100, 8, 0644);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, 0);
    h[156] = '0';
    ascii(h, 257, "ustar\0");
    ascii(h, 263, "00");
    ascii(h, 265, "root");
    ascii(h, 297, "root");
    octal(h, 329, 8, 0);
    octal(h, 337, 8, 0);
    writeChecksum(h);
    return h;
  }

  /** The checksum is computed with its own field read as eight spaces, then stored as 6 octal digits, NUL, space. */
  private static void writeChecksum(byte[] h) {
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    String digits = String.format("%06o", sum);
    ascii(h, 148, digits);
    h[154] = 0;
    h[155] = ' ';
  }

  /** Zero-padded octal in {@code length - 1} digits followed by NUL. */
  private static void octal(byte[] h, int offset, int length, long value) {
    String digits = Long.toOctalString(value);
    String padded = "0".repeat(length - 1 - digits.length()) + digits;
    ascii(h, offset, padded);
    h[offset + length - 1] = 0;
  }

  private static void ascii(byte[] h, int offset, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, h, offset, bytes.length);
  }
}
