package dev.outpost.agent.pull;

import dev.outpost.store.image.OciLayout;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.manifest.ManifestParser;
import dev.outpost.store.manifest.ParsedManifest;
import dev.outpost.store.model.ContentVerifier;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.DigestMismatchException;
import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.source.BlobStream;
import dev.outpost.sync.source.FetchedManifest;
import dev.outpost.sync.registry.RegistryClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Pulls one image (following an index to all its children) through the registry protocol and
 * verifies every digest itself: a check that a site's endpoint serves complete, intact images, and
 * a way to take an image home as an OCI layout.
 */
public final class ImagePuller {
  private static final int BUFFER = 1024 * 1024;

  private final RegistryClient registry;
  private final Optional<OciLayout> layout;
  private final PrintWriter out;
  private long bytes;
  private int blobs;

  public ImagePuller(RegistryClient registry, Optional<Path> output, PrintWriter out) throws IOException {
    this.registry = registry;
    this.layout = output.isPresent() ? Optional.of(new OciLayout(output.get())) : Optional.empty();
    this.out = out;
  }

  /** Pulls and verifies; returns the descriptor of the top manifest. */
  public Descriptor pull(RepositoryName repository, Reference reference) throws IOException {
    Descriptor top = pullManifest(repository, reference);
    if (layout.isPresent()) {
      layout.get().finish(top, reference instanceof Reference.ByTag t ? t.tag().value() : "latest");
    }
    out.printf("verified %s@%s: %d blobs, %d bytes%n", repository, top.digest(), blobs, bytes);
    return top;
  }

  private Descriptor pullManifest(RepositoryName repository, Reference reference) throws IOException {
    FetchedManifest fetched = registry.getManifest(repository, reference);
    ManifestContent content = reference instanceof Reference.ByDigest d
        ? ManifestContent.verified(fetched.bytes(), fetched.contentType(), d.digest())
        : ManifestContent.of(fetched.bytes(), fetched.contentType());
    ParsedManifest parsed = ManifestParser.parse(content);
    for (Descriptor child : parsed.children()) {
      if (parsed.mediaType().isIndex()) {
        pullManifest(repository, new Reference.ByDigest(child.digest()));
      } else {
        pullBlob(repository, child);
      }
    }
    if (layout.isPresent()) {
      layout.get().writeBlob(content.digest(), content.bytes());
    }
    out.printf("  manifest %s %s (%s)%n", content.digest(), parsed.mediaType().essence(), reference);
    return Descriptor.of(parsed.mediaType(), content.digest(), content.size());
  }

  private void pullBlob(RepositoryName repository, Descriptor blob) throws IOException {
    ContentVerifier verifier = ContentVerifier.of(blob.digest(), blob.size());
    Optional<Path> temp = layout.isPresent() ? Optional.of(layout.get().tempFor(blob.digest())) : Optional.empty();
    try (BlobStream stream = registry.openBlob(repository, blob.digest(), 0, blob.size());
        OutputStream sink = temp.isPresent() ? Files.newOutputStream(temp.get()) : OutputStream.nullOutputStream()) {
      byte[] buffer = new byte[BUFFER];
      for (int n; (n = stream.read(buffer, 0, buffer.length)) > 0; ) {
        verifier.update(buffer, 0, n);
        sink.write(buffer, 0, n);
      }
    }
    try {
      verifier.verify();
    } catch (DigestMismatchException e) {
      if (temp.isPresent()) {
        Files.deleteIfExists(temp.get());
      }
      throw e;
    }
    if (temp.isPresent()) {
      layout.get().publish(temp.get(), blob.digest());
    }
    blobs++;
    bytes += verifier.count();
  }
}
