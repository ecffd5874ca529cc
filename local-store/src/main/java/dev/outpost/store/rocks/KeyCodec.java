package dev.outpost.store.rocks;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds and splits every index key. A key is its components in UTF-8, each followed by a 0x00
 * terminator. No component can contain 0x00 (repository names, tags, digests and token names are
 * validated value types), so keys split unambiguously, and because 0x00 sorts before every other
 * byte, RocksDB's bytewise order equals the lexical order of the components: {@code a} &lt;
 * {@code a/b} &lt; {@code ab}. A component followed by its terminator is also a prefix that matches
 * exactly the keys of that component (repository {@code a} never matches keys of {@code ab}).
 */
final class KeyCodec {
  private static final byte TERMINATOR = 0x00;

  private KeyCodec() {}

  static byte[] blob(Digest digest) {
    return join(digest.toString());
  }

  static byte[] ingest(Digest digest) {
    return join(digest.toString());
  }

  static byte[] manifest(RepositoryName repository, Digest digest) {
    return join(repository.value(), digest.toString());
  }

  /** Prefix of the {@code repo_blobs} keys of one blob in one repository (and the whole key in format 1). */
  static byte[] repositoryBlob(RepositoryName repository, Digest blob) {
    return join(repository.value(), blob.toString());
  }

  static byte[] repositoryBlob(RepositoryName repository, Digest blob, Digest manifest) {
    return join(repository.value(), blob.toString(), manifest.toString());
  }

  /** Prefix of every key of {@code repository} in a (repository, …) family. */
  static byte[] repositoryPrefix(RepositoryName repository) {
    return join(repository.value());
  }

  /**
   * The smallest key after every key of {@code repository}: its name followed by 0x01 instead of
   * the terminator. Seeking there skips the rest of that repository in one step.
   */
  static byte[] afterRepository(RepositoryName repository) {
    byte[] key = join(repository.value());
    key[key.length - 1] = 0x01;
    return key;
  }

  static byte[] tag(RepositoryName repository, Tag tag) {
    return join(repository.value(), tag.value());
  }

  static byte[] referrer(RepositoryName repository, Digest subject, Digest referrer) {
    return join(repository.value(), subject.toString(), referrer.toString());
  }

  /** Prefix of the {@code referrers} keys of {@code subject} in {@code repository}. */
  static byte[] referrersOf(RepositoryName repository, Digest subject) {
    return join(repository.value(), subject.toString());
  }

  static byte[] pull(RepositoryName repository, Digest manifest) {
    return join(repository.value(), manifest.toString());
  }

  static byte[] pendingImport(String bundleId, Digest digest) {
    return join(bundleId, digest.toString());
  }

  /** Prefix of the {@code pending_imports} keys of one bundle. */
  static byte[] pendingImportsOf(String bundleId) {
    return join(bundleId);
  }

  /** A {@code watermarks} key: the parent's address first, so one parent's marks sort together. */
  static byte[] watermark(String parent, RepositoryName repository) {
    return join(parent, repository.value());
  }

  static Digest digestOf(byte[] key, int component) {
    return Digest.parse(component(key, component));
  }

  static byte[] repository(RepositoryName repository) {
    return join(repository.value());
  }

  static byte[] token(String name) {
    return join(name);
  }

  /** The token name of a {@code tokens} key. */
  static String tokenName(byte[] key) {
    return component(key, 0);
  }

  static RepositoryName repositoryOf(byte[] key) {
    return RepositoryName.of(component(key, 0));
  }

  static Tag tagOf(byte[] key) {
    return Tag.of(component(key, 1));
  }

  /** Component {@code index} (0-based) of {@code key}. */
  static String component(byte[] key, int index) {
    List<String> parts = split(key);
    if (index >= parts.size()) {
      throw new IllegalArgumentException("index key has " + parts.size() + " components, wanted #" + index);
    }
    return parts.get(index);
  }

  static List<String> split(byte[] key) {
    List<String> parts = new ArrayList<>(3);
    int start = 0;
    for (int i = 0; i < key.length; i++) {
      if (key[i] == TERMINATOR) {
        parts.add(new String(key, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    if (start != key.length) {
      throw new IllegalArgumentException("index key is not terminated");
    }
    return parts;
  }

  static byte[] join(String... components) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    for (String component : components) {
      byte[] bytes = component.getBytes(StandardCharsets.UTF_8);
      for (byte b : bytes) {
        if (b == TERMINATOR) {
          throw new IllegalArgumentException("index key component contains a NUL byte");
        }
      }
      out.writeBytes(bytes);
      out.write(TERMINATOR);
    }
    return out.toByteArray();
  }
}
