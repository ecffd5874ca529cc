package dev.outpost.serve.route;

import dev.outpost.serve.error.ErrorCode;
import dev.outpost.serve.error.RegistryError;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;

/**
 * Parses a decoded {@code /v2/...} path into a {@link RegistryRoute}. Repository names contain
 * slashes (and may even have a component called {@code manifests}), so the path is read from the
 * right: the last segment is the reference or digest, the one before it says which kind, and
 * everything before that is the name.
 *
 * <p>Throws {@link dev.outpost.store.model.InvalidValueException} for a malformed name, digest or
 * tag (mapped to NAME_INVALID, DIGEST_INVALID, MANIFEST_UNKNOWN) and a NAME_UNKNOWN
 * {@link dev.outpost.serve.error.RegistryException} for a path that is no endpoint of ours.
 */
public final class RouteParser {
  public static final String PREFIX = "/v2/";
  private static final String TAGS_LIST = "/tags/list";

  private RouteParser() {}

  /** True for {@code /v2} and everything below {@code /v2/}. */
  public static boolean isRegistryPath(String path) {
    return path.equals("/v2") || path.startsWith(PREFIX);
  }

  public static RegistryRoute parse(String path) {
    if (path.equals("/v2") || path.equals(PREFIX)) {
      return new RegistryRoute.Base();
    }
    if (!path.startsWith(PREFIX)) {
      throw unknownEndpoint();
    }
    String rest = path.substring(PREFIX.length());
    if (rest.equals("_catalog")) {
      return new RegistryRoute.Catalog();
    }
    if (rest.endsWith(TAGS_LIST)) {
      return new RegistryRoute.TagList(name(rest.substring(0, rest.length() - TAGS_LIST.length())));
    }
    int lastSlash = rest.lastIndexOf('/');
    int kindSlash = lastSlash <= 0 ? -1 : rest.lastIndexOf('/', lastSlash - 1);
    if (kindSlash <= 0) {
      throw unknownEndpoint();
    }
    String kind = rest.substring(kindSlash + 1, lastSlash);
    String last = rest.substring(lastSlash + 1);
    return switch (kind) {
      case "manifests" -> new RegistryRoute.Manifest(name(rest.substring(0, kindSlash)), Reference.parse(last));
      case "blobs" -> new RegistryRoute.Blob(name(rest.substring(0, kindSlash)), Digest.parse(last));
      case "referrers" -> new RegistryRoute.Referrers(name(rest.substring(0, kindSlash)), Digest.parse(last));
      default -> throw unknownEndpoint();
    };
  }

  private static RepositoryName name(String value) {
    return RepositoryName.of(value);
  }

  private static RuntimeException unknownEndpoint() {
    return RegistryError.of(ErrorCode.NAME_UNKNOWN, "no such endpoint in the registry API").toException();
  }
}
