package dev.outpost.agent.tls;

import dev.outpost.serve.tls.PemText;
import dev.outpost.serve.tls.ServerCredentials;
import dev.outpost.serve.tls.SiteCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The files of {@code outpost tls init} in one folder: {@code ca.crt}, {@code ca.key} (0600),
 * {@code tls.crt} (server certificate then the CA) and {@code tls.key} (0600), the names of a
 * {@code kubernetes.io/tls} Secret. Each file is written whole under a temporary name, with its mode
 * set from the start, then renamed into place: a running Outpost polling {@code tls.crt} never reads
 * half a file, and a key is never readable by others, not even for a moment.
 */
public final class SiteTlsFiles {
  private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

  private final Path dir;

  public SiteTlsFiles(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  public Path dir() {
    return dir;
  }

  public Path caCert() {
    return dir.resolve("ca.crt");
  }

  public Path caKey() {
    return dir.resolve("ca.key");
  }

  public Path serverCert() {
    return dir.resolve("tls.crt");
  }

  public Path serverKey() {
    return dir.resolve("tls.key");
  }

  /** The CA already in the folder, if both its files are; one without the other is an error. */
  public Optional<SiteCa> existingCa() {
    boolean cert = Files.exists(caCert());
    boolean key = Files.exists(caKey());
    if (cert != key) {
      throw new IllegalArgumentException("found " + (cert ? caCert() : caKey()) + " without "
          + (cert ? caKey() : caCert()) + ": restore it, or pass --new-ca to make a new site CA");
    }
    return cert ? Optional.of(SiteCa.read(caCert(), caKey())) : Optional.empty();
  }

  public void writeCa(SiteCa ca) {
    write(caKey(), PemText.privateKey(ca.key()), PRIVATE);
    write(caCert(), PemText.certificates(List.of(ca.certificate())), PUBLIC);
  }

  /** The key first: a poller seeing the new key with the old certificate waits for the certificate. */
  public void writeServer(ServerCredentials server) {
    write(serverKey(), PemText.privateKey(server.key()), PRIVATE);
    write(serverCert(), PemText.certificates(server.chain()), PUBLIC);
  }

  private void write(Path target, String pem, Set<PosixFilePermission> mode) {
    try {
      Files.createDirectories(dir);
      Path temporary = Files.createTempFile(dir, "." + target.getFileName(), ".tmp",
          PosixFilePermissions.asFileAttribute(mode));
      try {
        Files.writeString(temporary, pem);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}
