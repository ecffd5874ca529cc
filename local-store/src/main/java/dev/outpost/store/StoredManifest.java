package dev.outpost.store;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.RepositoryName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A visible manifest of one repository, without its bytes: what it references and when it was
 * committed. For an index, {@code childManifests} are the children present in the repository
 * (those excluded by the platform filter are in {@code intentionallyAbsent}) and {@code blobs} is
 * empty; for an image manifest, {@code blobs} are its config and layers.
 */
public record StoredManifest(
    RepositoryName repository,
    Digest digest,
    MediaType contentType,
    long size,
    List<Digest> childManifests,
    List<Digest> blobs,
    List<Digest> intentionallyAbsent,
    Optional<Digest> subject,
    Instant committedAt) {

  public StoredManifest {
    childManifests = List.copyOf(childManifests);
    blobs = List.copyOf(blobs);
    intentionallyAbsent = List.copyOf(intentionallyAbsent);
  }
}
