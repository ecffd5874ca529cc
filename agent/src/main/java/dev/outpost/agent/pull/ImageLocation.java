package dev.outpost.agent.pull;

import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;
import java.net.URI;

/**
 * Where to pull from, written as {@code http[s]://host[:port]/repo/name:tag} or
 * {@code …/repo/name@sha256:…}; a missing tag means {@code latest}.
 */
public record ImageLocation(URI registry, RepositoryName repository, Reference reference) {

  public static ImageLocation parse(String text) {
    int schemeEnd = text.indexOf("://");
    if (schemeEnd < 0 || !(text.startsWith("http://") || text.startsWith("https://"))) {
      throw new IllegalArgumentException("'" + text + "' must start with http:// or https:// (e.g. http://127.0.0.1:8080/library/hello:1.0)");
    }
    int pathStart = text.indexOf('/', schemeEnd + 3);
    if (pathStart < 0 || pathStart == text.length() - 1) {
      throw new IllegalArgumentException("'" + text + "' names no repository");
    }
    URI registry = URI.create(text.substring(0, pathStart));
    String path = text.substring(pathStart + 1);
    int at = path.indexOf('@');
    if (at >= 0) {
      return new ImageLocation(registry, RepositoryName.of(path.substring(0, at)), Reference.parse(path.substring(at + 1)));
    }
    int colon = path.lastIndexOf(':');
    boolean hasTag = colon > path.lastIndexOf('/');
    return new ImageLocation(registry, RepositoryName.of(hasTag ? path.substring(0, colon) : path),
        Reference.parse(hasTag ? path.substring(colon + 1) : "latest"));
  }

  @Override
  public String toString() {
    String separator = reference instanceof Reference.ByDigest ? "@" : ":";
    return registry + "/" + repository + separator + reference;
  }
}
