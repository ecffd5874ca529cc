package dev.outpost.store.rocks;

import dev.outpost.store.StoreException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Shared framing of the binary value codecs: a format version byte, then fields written with
 * {@link DataOutputStream}. A value with an unknown version or truncated fields is reported as a
 * corrupt index entry rather than decoded into nonsense.
 */
final class BinaryValues {
  private BinaryValues() {}

  /** Writes the fields of one value. */
  @FunctionalInterface
  interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  /** Reads the fields of one value. */
  @FunctionalInterface
  interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  static byte[] encode(int version, Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(version);
      writer.write(out);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  static <T> T decode(byte[] value, int version, String kind, Reader<T> reader) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
      int found = in.readUnsignedByte();
      if (found != version) {
        throw new StoreException("index " + kind + " record has unknown format version " + found);
      }
      T result = reader.read(in);
      if (in.available() != 0) {
        throw new StoreException("index " + kind + " record has " + in.available() + " trailing bytes");
      }
      return result;
    } catch (IOException | RuntimeException e) {
      if (e instanceof StoreException se) {
        throw se;
      }
      throw new StoreException("index " + kind + " record is corrupt: " + e, e);
    }
  }
}
