package dev.outpost.agent.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The shared secret that lets the CLI administer a running Outpost: written by {@code outpost run}
 * into the data directory, readable only by its owner, so "may administer" means "may read the
 * store's directory", the same right that opening the store directly would need.
 */
public final class AdminSecret {
  static final String FILE_NAME = "admin.secret";

  private final String value;

  private AdminSecret(String value) {
    this.value = value;
  }

  /** Writes a fresh secret (mode 0600) for this run. */
  public static AdminSecret create(Path dataDirectory) {
    String value = dev.outpost.store.auth.PasswordHash.generatePassword();
    Path file = dataDirectory.resolve(FILE_NAME);
    try {
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, value, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the admin secret " + file, e);
    }
    return new AdminSecret(value);
  }

  /** The secret of the Outpost running on this store, if one has written it. */
  public static Optional<AdminSecret> read(Path dataDirectory) {
    try {
      return Optional.of(new AdminSecret(Files.readString(dataDirectory.resolve(FILE_NAME)).trim()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Constant-time check of a presented bearer value. */
  public boolean matches(String presented) {
    return presented != null
        && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  String bearerValue() {
    return value;
  }

  @Override
  public String toString() {
    return "AdminSecret[***]";
  }
}
