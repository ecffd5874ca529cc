package dev.outpost.sync.auth;

import java.util.List;

/** The token scope a registry request needs, derived from its path (pull-only: we never push). */
final class Scopes {
  private Scopes() {}

  /**
   * {@code /v2/<name>/(manifests|blobs|tags)/…} needs {@code repository:<name>:pull};
   * {@code /v2/_catalog} needs {@code registry:catalog:*}; ACR's listing API, {@code /acr/v1/_catalog}
   * the same and {@code /acr/v1/<name>/_tags} {@code repository:<name>:metadata_read}; anything else
   * (the {@code /v2/} ping) none.
   */
  static String forPath(List<String> segments) {
    if (segments.size() >= 2 && segments.get(0).equals("v2") && segments.get(1).equals("_catalog")) {
      return "registry:catalog:*";
    }
    if (segments.size() >= 3 && segments.get(0).equals("acr") && segments.get(1).equals("v1")) {
      if (segments.get(2).equals("_catalog")) {
        return "registry:catalog:*";
      }
      int tags = segments.indexOf("_tags");
      return tags > 2 ? "repository:" + String.join("/", segments.subList(2, tags)) + ":metadata_read" : "";
    }
    for (int i = segments.size() - 2; i >= 2; i--) {
      String s = segments.get(i);
      if (s.equals("manifests") || s.equals("blobs") || s.equals("tags")) {
        return "repository:" + String.join("/", segments.subList(1, i)) + ":pull";
      }
    }
    return "";
  }
}
