package dev.outpost.store.rocks;

import dev.outpost.store.StoreException;
import dev.outpost.store.manifest.ImageManifest;
import dev.outpost.store.manifest.ManifestParser;
import dev.outpost.store.manifest.ParsedManifest;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.InvalidValueException;
import dev.outpost.store.model.MediaType;
import java.util.Map;
import java.util.Optional;

/**
 * The value of a {@code referrers} entry (format 3): the referrer's descriptor as the referrers
 * API lists it (media type, size, artifact type, annotations), so a listing is one prefix scan and
 * no manifest is read. Subject and referrer digest are the key's. JSON, like the other records
 * whose fields are maps.
 */
final class ReferrerEntryCodec {
  private static final int VERSION = 1;

  /** The stored form of a referrer's descriptor. */
  record ReferrerJson(int version, String mediaType, long size, String artifactType, Map<String, String> annotations) {}

  private ReferrerEntryCodec() {}

  /**
   * The descriptor of the referrer manifest {@code bytes}: its artifact type is its
   * {@code artifactType}, else (an image manifest) its config's media type, as the distribution
   * spec asks; its annotations are the manifest's own.
   */
  static Descriptor describe(Digest digest, MediaType contentType, byte[] bytes, ParsedManifest parsed) {
    Optional<String> artifactType = parsed.artifactType().or(() -> parsed instanceof ImageManifest image
        ? Optional.of(image.config().mediaType().value()) : Optional.empty());
    return new Descriptor(contentType, digest, bytes.length, Optional.empty(), artifactType,
        ManifestParser.annotations(bytes));
  }

  static byte[] encode(Descriptor referrer) {
    return JsonValues.encode(new ReferrerJson(VERSION, referrer.mediaType().value(), referrer.size(),
        referrer.artifactType().orElse(null), referrer.annotations().isEmpty() ? null : referrer.annotations()));
  }

  static Descriptor decode(Digest referrer, byte[] value) {
    ReferrerJson json = JsonValues.decode(value, ReferrerJson.class, "referrer");
    if (json.version() != VERSION) {
      throw new StoreException("index referrer record of " + referrer + " has unknown format version " + json.version());
    }
    try {
      return new Descriptor(MediaType.parse(json.mediaType()), referrer, json.size(), Optional.empty(),
          Optional.ofNullable(json.artifactType()), json.annotations() == null ? Map.of() : json.annotations());
    } catch (InvalidValueException | NullPointerException e) {
      throw new StoreException("index referrer record of " + referrer + " is invalid: " + e.getMessage(), e);
    }
  }
}
