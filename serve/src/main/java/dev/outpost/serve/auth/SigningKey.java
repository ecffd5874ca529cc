package dev.outpost.serve.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The HS256 key that signs and verifies access tokens: 256 random bits. {@link #loadOrCreate} keeps
 * it in a file readable by the owner only (mode 0600), so that a restarted Outpost (a rescheduled
 * pod) still accepts the bearer tokens it issued before; {@link #random} makes one that lives only in
 * this process. {@link #toString()} never shows the key.
 */
public final class SigningKey {
  static final int BYTES = 32;

  private final byte[] bytes;

  private SigningKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A fresh key for this process only: tokens it signs die with it. */
  public static SigningKey random() {
    byte[] key = new byte[BYTES];
    new SecureRandom().nextBytes(key);
    return new SigningKey(key);
  }

  /**
   * The key in {@code file}, created (0600, written whole, then renamed into place) when the file
   * does not exist. A file of another length is refused: it was not written by Outpost, or was cut.
   */
  public static SigningKey loadOrCreate(Path file) {
    try {
      return read(file);
    } catch (NoSuchFileException absent) {
      return create(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the token signing key " + file, e);
    }
  }

  private static SigningKey read(Path file) throws IOException {
    byte[] key = Files.readAllBytes(file);
    if (key.length != BYTES) {
      throw new IllegalStateException("the token signing key " + file + " holds " + key.length + " bytes, not "
          + BYTES + "; delete it to make a new one (bearer tokens issued so far then stop working)");
    }
    return new SigningKey(key);
  }

  private static SigningKey create(Path file) {
    SigningKey key = random();
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.deleteIfExists(temp);
      try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
        channel.write(ByteBuffer.wrap(key.bytes));
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      return key;
    } catch (FileAlreadyExistsException e) {
      throw new IllegalStateException("another process is creating the token signing key " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the token signing key " + file, e);
    }
  }

  byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public String toString() {
    return "SigningKey[***]";
  }
}
