package dev.outpost.agent.pull;

import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.manifest.ManifestParser;
import dev.outpost.store.manifest.ParsedManifest;
import dev.outpost.store.model.ContentVerifier;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.bundle.BlobCopy;
import dev.outpost.sync.bundle.BlobOpener;
import dev.outpost.sync.bundle.DirectoryLayout;
import dev.outpost.sync.bundle.LayoutIndex;
import dev.outpost.sync.bundle.LayoutWriter;
import dev.outpost.sync.source.FetchedManifest;
import dev.outpost.sync.registry.RegistryClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Pulls one image (following an index to all its children) through the registry protocol and
 * verifies every digest itself: a check that a site's endpoint serves complete, intact images, and
 * a way to take an image home as an OCI layout, written by the same layout writer as bundles.
 */
public final class ImagePuller {
  private final RegistryClient registry;
  private final BlobCopy copy;
  private final Optional<DirectoryLayout> layout;
  private final PrintWriter out;
  private long bytes;
  private int blobs;

  public ImagePuller(RegistryClient registry, BlobCopy copy, Optional<Path> output, PrintWriter out) throws IOException {
    this.registry = registry;
    this.copy = copy;
    this.layout = output.isPresent() ? Optional.of(DirectoryLayout.open(output.get(), copy)) : Optional.empty();
    this.out = out;
  }

  /** Pulls and verifies; returns the descriptor of the top manifest. */
  public Descriptor pull(RepositoryName repository, Reference reference) throws IOException {
    Descriptor top = pullManifest(repository, reference);
    if (layout.isPresent()) {
      String name = reference instanceof Reference.ByTag t ? t.tag().value() : "latest";
      layout.get().writeFile(LayoutWriter.INDEX_JSON, LayoutIndex.indexJson(List.of(LayoutIndex.Entry.named(top, name))));
      layout.get().writeFile(LayoutWriter.OCI_LAYOUT, LayoutIndex.ociLayout());
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
      layout.get().writeBlob(content.digest(), content.size(), BlobOpener.of(content.bytes()));
    }
    out.printf("  manifest %s %s (%s)%n", content.digest(), parsed.mediaType().essence(), reference);
    return Descriptor.of(parsed.mediaType(), content.digest(), content.size());
  }

  private void pullBlob(RepositoryName repository, Descriptor blob) throws IOException {
    BlobOpener opener = (from, length) -> registry.openBlob(repository, blob.digest(), from, length);
    if (layout.isPresent()) {
      layout.get().writeBlob(blob.digest(), blob.size(), opener);
    } else {
      copy.copy(opener, ContentVerifier.of(blob.digest(), blob.size()), blob.size(), OutputStream.nullOutputStream());
    }
    blobs++;
    bytes += blob.size();
  }
}
