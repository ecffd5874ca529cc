package dev.outpost.sync.bundle;

import dev.outpost.store.BlobReader;
import dev.outpost.store.manifest.ManifestParser;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.source.BlobStream;
import dev.outpost.sync.source.ChannelRange;
import dev.outpost.sync.source.ContentMissingException;
import dev.outpost.sync.source.ContentSource;
import dev.outpost.sync.source.FetchedManifest;
import dev.outpost.sync.source.ManifestHead;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A bundle on disk as a {@link ContentSource}: one or more parts of one bundle, answered from the
 * bundle manifest ({@code repositories}: tags and the manifests of their closures; {@code content}:
 * what is carried and in which part) and the parts' blobs. An item carried in a part that was not
 * given is {@link ContentMissingException} ("carried in part 2 of 3, not imported yet"), unless an
 * earlier import of that part staged it in the store, whose verified file is then read instead.
 * An item a part lists but does not hold whole (a missing file, a size that is not the listed one)
 * is damage, a plain {@link IOException}: no other part will bring it.
 *
 * <p>Nothing here is trusted: the engine hashes every byte it reads from this source.
 */
public final class BundleSource implements ContentSource {
  private final BundleManifest manifest;
  private final SortedMap<Integer, BundlePart> parts;
  private final BlobReader staged;

  BundleSource(List<BundlePart> given, BlobReader staged) throws InvalidBundleException {
    if (given.isEmpty()) {
      throw new InvalidBundleException("no bundle part given");
    }
    this.manifest = given.get(0).manifest();
    this.staged = staged;
    this.parts = new TreeMap<>();
    for (BundlePart part : given) {
      BundleManifest m = part.manifest();
      if (!m.id().equals(manifest.id()) || m.parts() != manifest.parts()) {
        throw new InvalidBundleException(part.path() + " is part " + m.part() + " of bundle " + m.id() + ", not of bundle "
            + manifest.id() + " (" + given.get(0).path() + "): import one bundle at a time");
      }
      // The same part given twice (a directory and its tar copy): one is enough.
      parts.putIfAbsent(m.part(), part);
    }
  }

  /**
   * Opens the parts {@code paths} name (see {@link BundleParts}); {@code staged} is the store, where
   * earlier imports of other parts of the bundle left content they could not commit yet.
   */
  public static BundleSource open(List<Path> paths, BlobReader staged) throws IOException {
    List<BundlePart> opened = BundleParts.open(paths);
    try {
      return new BundleSource(opened, staged);
    } catch (InvalidBundleException e) {
      opened.forEach(BundlePart::close);
      throw e;
    }
  }

  /** The bundle manifest (as read from the first part given; the parts agree on all but the part number). */
  public BundleManifest manifest() {
    return manifest;
  }

  /** The numbers of the parts given, in order. */
  public List<Integer> partsRead() {
    return List.copyOf(parts.keySet());
  }

  /** The digests the given parts carry, with their listed sizes. */
  public SortedMap<Digest, BundleManifest.Item> carried() {
    SortedMap<Digest, BundleManifest.Item> carried = new TreeMap<>();
    manifest.content().forEach((digest, item) -> {
      if (parts.containsKey(item.part())) {
        carried.put(digest, item);
      }
    });
    return carried;
  }

  @Override
  public String describe() {
    return "bundle " + manifest.id() + " (part " + parts.keySet().stream().map(String::valueOf)
        .collect(Collectors.joining(", ")) + " of " + manifest.parts() + ": "
        + parts.values().stream().map(p -> p.path().toString()).collect(Collectors.joining(", ")) + ")";
  }

  @Override
  public void ping() {
    // Every part was read and checked when the source was opened.
  }

  @Override
  public List<RepositoryName> repositories() {
    return List.copyOf(manifest.repositories().keySet());
  }

  @Override
  public List<Tag> tags(RepositoryName repo) throws IOException {
    return List.copyOf(repository(repo).tags().keySet());
  }

  @Override
  public ManifestHead headManifest(RepositoryName repo, Reference reference) throws IOException {
    Digest digest = resolve(repo, reference);
    BundleManifest.Item item = manifest.content().get(digest);
    return new ManifestHead(Optional.of(digest), Optional.ofNullable(item).flatMap(BundleManifest.Item::mediaType)
        .map(MediaType::value), item == null ? -1 : item.size());
  }

  @Override
  public FetchedManifest getManifest(RepositoryName repo, Reference reference) throws IOException {
    Digest digest = resolve(repo, reference);
    BundleManifest.Item item = manifest.content().get(digest);
    if (item == null) {
      throw new ContentMissingException("manifest " + digest + " of " + repo + " is not carried by bundle "
          + manifest.id() + " (a delta made against an inventory that holds it)");
    }
    if (item.mediaType().isEmpty()) {
      throw new IOException(digest + " is listed in bundle " + manifest.id() + " as a blob, not a manifest");
    }
    if (item.size() > ManifestParser.MAX_MANIFEST_BYTES) {
      throw new IOException("manifest " + digest + " is " + item.size() + " bytes, more than "
          + ManifestParser.MAX_MANIFEST_BYTES);
    }
    byte[] bytes = new byte[(int) item.size()];
    try (BlobStream in = openBlob(repo, digest, 0, item.size())) {
      int read = 0;
      while (read < bytes.length) {
        read += in.read(bytes, read, bytes.length - read);
      }
    }
    return new FetchedManifest(bytes, item.mediaType().get());
  }

  @Override
  public BlobStream openBlob(RepositoryName repo, Digest digest, long from, long length) throws IOException {
    // Blobs are carried once for every repository (the bundle manifest lists no blobs per repository).
    return openCarried(digest, from, length);
  }

  /** Bytes {@code [from, from + length)} of an item the bundle carries (or an earlier import staged). */
  BlobStream openCarried(Digest digest, long from, long length) throws IOException {
    BundleManifest.Item item = manifest.content().get(digest);
    if (item == null) {
      if (staged.stat(digest).isPresent()) {
        return fromStore(digest, from, length);
      }
      throw new ContentMissingException(digest + " is not carried by bundle " + manifest.id()
          + " (a delta made against an inventory that holds it)");
    }
    BundlePart part = parts.get(item.part());
    if (part == null) {
      if (staged.stat(digest).isPresent()) {
        return fromStore(digest, from, length);
      }
      throw new ContentMissingException(digest + " is carried in part " + item.part() + " of " + manifest.parts()
          + " of bundle " + manifest.id() + ", not imported yet");
    }
    OptionalLong size = part.size(digest);
    String where = digest + " in part " + item.part() + " (" + part.path() + ")";
    if (size.isEmpty()) {
      throw new DamagedItemException(digest, where + " is listed in the bundle manifest but the part holds no "
          + BundlePart.blobName(digest) + " (damaged part)");
    }
    if (size.getAsLong() != item.size()) {
      throw new DamagedItemException(digest, where + " is " + size.getAsLong() + " bytes, the bundle manifest says " + item.size()
          + " (truncated or damaged)");
    }
    return new ChannelRange(part.open(digest, from), length, missing -> truncated(digest, where, missing));
  }

  private BlobStream fromStore(Digest digest, long from, long length) throws IOException {
    SeekableByteChannel channel = FileChannel.open(staged.blobPath(digest), StandardOpenOption.READ).position(from);
    return new ChannelRange(channel, length,
        missing -> truncated(digest, digest + " staged in the store by an earlier import", missing));
  }

  /** A file on disk that ends early will not grow: damage to report, not a transfer to retry. */
  private static DamagedItemException truncated(Digest digest, String what, long missing) {
    return new DamagedItemException(digest, what + " ends " + missing + " bytes early (truncated)");
  }

  @Override
  public List<Descriptor> referrers(RepositoryName repo, Digest subject) {
    // Bundles do not carry referrers yet: the selection's closures are manifests, configs and layers.
    return List.of();
  }

  @Override
  public void close() {
    parts.values().forEach(BundlePart::close);
  }

  private BundleManifest.RepositoryContent repository(RepositoryName repo) throws ContentMissingException {
    BundleManifest.RepositoryContent content = manifest.repositories().get(repo);
    if (content == null) {
      throw new ContentMissingException("repository " + repo + " is not in bundle " + manifest.id());
    }
    return content;
  }

  /** The digest {@code reference} names in {@code repo}: a tag of the selection, or a manifest of its closures. */
  private Digest resolve(RepositoryName repo, Reference reference) throws ContentMissingException {
    BundleManifest.RepositoryContent content = repository(repo);
    return switch (reference) {
      case Reference.ByTag byTag -> {
        Digest digest = content.tags().get(byTag.tag());
        if (digest == null) {
          throw new ContentMissingException("tag " + repo + ":" + byTag.tag() + " is not in bundle " + manifest.id());
        }
        yield digest;
      }
      case Reference.ByDigest byDigest -> {
        if (!content.manifests().contains(byDigest.digest()) && !content.tags().containsValue(byDigest.digest())) {
          throw new ContentMissingException("manifest " + byDigest.digest() + " is not in " + repo + " of bundle "
              + manifest.id());
        }
        yield byDigest.digest();
      }
    };
  }

  /** The parts given, for messages: "part 1 (path)". */
  List<String> partNames() {
    List<String> names = new ArrayList<>();
    parts.forEach((n, p) -> names.add("part " + n + " (" + p.path() + ")"));
    return names;
  }
}
