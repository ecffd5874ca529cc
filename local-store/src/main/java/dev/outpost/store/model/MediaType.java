package dev.outpost.store.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A media type as it arrived ({@code type/subtype}, optional parameters kept verbatim). The
 * original string is preserved because manifests are served with exactly the Content-Type they
 * came with; {@link #essence()} gives the lower-cased type/subtype used for comparisons.
 */
public record MediaType(String value) {
  private static final Pattern ESSENCE =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");

  public static final MediaType OCI_MANIFEST = new MediaType("application/vnd.oci.image.manifest.v1+json");
  public static final MediaType OCI_INDEX = new MediaType("application/vnd.oci.image.index.v1+json");
  public static final MediaType OCI_CONFIG = new MediaType("application/vnd.oci.image.config.v1+json");
  public static final MediaType OCI_LAYER_TAR_GZIP = new MediaType("application/vnd.oci.image.layer.v1.tar+gzip");
  public static final MediaType OCI_LAYER_TAR = new MediaType("application/vnd.oci.image.layer.v1.tar");
  public static final MediaType OCI_EMPTY = new MediaType("application/vnd.oci.empty.v1+json");
  public static final MediaType DOCKER_MANIFEST = new MediaType("application/vnd.docker.distribution.manifest.v2+json");
  public static final MediaType DOCKER_MANIFEST_LIST = new MediaType("application/vnd.docker.distribution.manifest.list.v2+json");
  public static final MediaType DOCKER_CONFIG = new MediaType("application/vnd.docker.container.image.v1+json");
  public static final MediaType DOCKER_LAYER = new MediaType("application/vnd.docker.image.rootfs.diff.tar.gzip");
  public static final MediaType OCTET_STREAM = new MediaType("application/octet-stream");

  public MediaType {
    if (value == null) {
      throw new InvalidValueException(InvalidValueException.Kind.MEDIA_TYPE, "media type is missing");
    }
    String essence = stripParameters(value);
    if (!ESSENCE.matcher(essence).matches()) {
      throw new InvalidValueException(InvalidValueException.Kind.MEDIA_TYPE,
          "media type '" + Digest.abbreviate(value) + "' is not of the form type/subtype");
    }
  }

  public static MediaType parse(String value) {
    return new MediaType(value);
  }

  /** Lower-cased {@code type/subtype} without parameters. */
  public String essence() {
    return stripParameters(value).toLowerCase(Locale.ROOT);
  }

  /** An OCI index or a Docker manifest list. */
  public boolean isIndex() {
    String e = essence();
    return e.equals(OCI_INDEX.value) || e.equals(DOCKER_MANIFEST_LIST.value);
  }

  /** An OCI image manifest or a Docker schema 2 manifest. */
  public boolean isImageManifest() {
    String e = essence();
    return e.equals(OCI_MANIFEST.value) || e.equals(DOCKER_MANIFEST.value);
  }

  /** Any manifest kind Outpost understands. */
  public boolean isManifest() {
    return isIndex() || isImageManifest();
  }

  /** Same essence, ignoring parameters and case. */
  public boolean sameEssence(MediaType other) {
    return essence().equals(other.essence());
  }

  @Override
  public String toString() {
    return value;
  }

  private static String stripParameters(String value) {
    int semicolon = value.indexOf(';');
    return (semicolon < 0 ? value : value.substring(0, semicolon)).trim();
  }
}
