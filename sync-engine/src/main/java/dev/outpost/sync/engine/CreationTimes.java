package dev.outpost.sync.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.store.LocalStore;
import dev.outpost.store.manifest.ImageIndex;
import dev.outpost.store.manifest.ImageManifest;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.manifest.ManifestParser;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.Platform;
import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.source.FetchedManifest;
import dev.outpost.sync.source.ManifestHead;
import dev.outpost.sync.source.ContentSource;
import dev.outpost.sync.select.RepositoryRule;
import java.io.IOException;
import java.nio.file.Files;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The creation time of the image a tag points at (the config blob's {@code created}; for an index,
 * that of its first child the rule's platforms admit), for {@code keepLatest} over tags that are
 * not all versions. Frugal: one HEAD per tag; the manifest and config come from the store when it
 * has them, else from the parent, and each image's time is remembered for the pass by manifest
 * digest and the rule's platforms (for an index, they decide which child counts; one instance per
 * pass, so the memory never outgrows a pass). An image without a readable
 * {@code created} sorts as oldest; a parent error fails the repository for this pass (which then
 * neither fetches nor deletes by an ordering it could not establish).
 */
final class CreationTimes {
  /** Image configs are small JSON documents; a bigger answer is not one. */
  static final int MAX_CONFIG_BYTES = 4 * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ContentSource source;
  /** What the store already holds, read before asking the source; empty when there is no store (bundle create from a parent). */
  private final Optional<LocalStore> store;
  private final SyncSettings settings;
  private final Map<Key, Optional<Instant>> byManifest = new ConcurrentHashMap<>();

  /** A manifest and the platforms the rule names: an index's answer depends on both. */
  private record Key(Digest manifest, List<Platform> platforms) { }

  CreationTimes(ContentSource source, LocalStore store, SyncSettings settings) {
    this(source, Optional.of(store), settings);
  }

  CreationTimes(ContentSource source, Optional<LocalStore> store, SyncSettings settings) {
    this.source = source;
    this.store = store;
    this.settings = settings;
  }

  Optional<Instant> of(RepositoryName repo, RepositoryRule rule, Tag tag) throws IOException {
    ManifestHead head = source.headManifest(repo, new Reference.ByTag(tag));
    if (head.digest().isPresent()) {
      Optional<Instant> known = byManifest.get(new Key(head.digest().get(), rule.platforms()));
      if (known != null) {
        return known;
      }
    }
    ManifestContent manifest = head.digest().isPresent()
        ? manifest(repo, head.digest().get())
        : fetched(source.getManifest(repo, new Reference.ByTag(tag)), Optional.empty());
    Optional<Instant> created = createdOf(repo, rule, manifest);
    byManifest.put(new Key(manifest.digest(), rule.platforms()), created);
    return created;
  }

  private Optional<Instant> createdOf(RepositoryName repo, RepositoryRule rule, ManifestContent content) throws IOException {
    return switch (ManifestParser.parse(content)) {
      case ImageManifest image -> created(config(repo, image.config()));
      case ImageIndex index -> {
        Optional<Descriptor> child = index.manifests().stream()
            .filter(d -> d.platform().isEmpty() || settings.admits(rule, d.platform().get()))
            .findFirst();
        yield child.isEmpty() ? Optional.empty() : createdOf(repo, rule, manifest(repo, child.get().digest()));
      }
    };
  }

  private ManifestContent manifest(RepositoryName repo, Digest digest) throws IOException {
    Optional<ManifestContent> local = store.flatMap(s -> s.manifest(repo, digest));
    return local.isPresent() ? local.get()
        : fetched(source.getManifest(repo, new Reference.ByDigest(digest)), Optional.of(digest));
  }

  private static ManifestContent fetched(FetchedManifest fetched, Optional<Digest> expected) {
    return expected.isPresent()
        ? ManifestContent.verified(fetched.bytes(), fetched.contentType(), expected.get())
        : ManifestContent.of(fetched.bytes(), fetched.contentType());
  }

  private byte[] config(RepositoryName repo, Descriptor config) throws IOException {
    if (config.size() > MAX_CONFIG_BYTES) {
      throw new IOException("config " + config.digest() + " of " + repo + " is " + config.size()
          + " bytes, more than an image config can reasonably be");
    }
    if (store.isPresent() && store.get().stat(config.digest()).isPresent()) {
      return Files.readAllBytes(store.get().blobPath(config.digest()));
    }
    byte[] bytes = new byte[(int) config.size()];
    try (var stream = source.openBlob(repo, config.digest(), 0, config.size())) {
      int read = 0;
      while (read < bytes.length) {
        int n = stream.read(bytes, read, bytes.length - read);
        if (n <= 0) {
          throw new IOException("config " + config.digest() + " of " + repo + " ended after " + read + " bytes");
        }
        read += n;
      }
    }
    if (!Digest.sha256(bytes).equals(config.digest())) {
      throw new IOException("config " + config.digest() + " of " + repo + " does not match its digest");
    }
    return bytes;
  }

  private static Optional<Instant> created(byte[] config) {
    try {
      JsonNode created = JSON.readTree(config).path("created");
      return created.isTextual() ? Optional.of(Instant.parse(created.asText())) : Optional.empty();
    } catch (IOException | DateTimeException e) {
      return Optional.empty();
    }
  }
}
