package dev.outpost.agent.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * How the CLI finds and authenticates to a running Outpost: {@code outpost run} writes
 * {@code <data>/admin.json} (mode 0600) with the admin API's actual URL (the configured port may be
 * 0) and a fresh secret. "May administer" thus means "may read the store's directory", the same
 * right that opening the store directly would need.
 */
public final class AdminSecret {
  static final String FILE_NAME = "admin.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String value;
  private final Optional<URI> url;

  private AdminSecret(String value, Optional<URI> url) {
    this.value = value;
    this.url = url;
  }

  /** A fresh secret for this run; {@link #publish} writes it once the admin API's port is known. */
  public static AdminSecret generate() {
    return new AdminSecret(dev.outpost.store.auth.PasswordHash.generatePassword(), Optional.empty());
  }

  /** Writes the secret and the admin URL atomically, readable by the owner only. */
  public void publish(Path dataDirectory, URI adminUrl) {
    Path file = dataDirectory.resolve(FILE_NAME);
    Path temp = dataDirectory.resolve(FILE_NAME + ".tmp");
    try {
      Files.deleteIfExists(temp);
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(temp, JSON.writeValueAsBytes(Map.of("url", adminUrl.toString(), "secret", value)));
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The secret and URL of the Outpost running on this store, if one has published them. */
  public static Optional<AdminSecret> read(Path dataDirectory) {
    try {
      Map<?, ?> fields = JSON.readValue(Files.readString(dataDirectory.resolve(FILE_NAME), StandardCharsets.UTF_8), Map.class);
      return Optional.of(new AdminSecret(String.valueOf(fields.get("secret")), Optional.of(URI.create(String.valueOf(fields.get("url"))))));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Constant-time check of a presented bearer value. */
  public boolean matches(String presented) {
    return presented != null
        && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  Optional<URI> url() {
    return url;
  }

  String bearerValue() {
    return value;
  }

  @Override
  public String toString() {
    return "AdminSecret[***]";
  }
}
