package dev.outpost.serve.content;

import dev.outpost.store.model.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The manifest types a client's {@code Accept} headers admit. Distribution's rule: a client that
 * names manifest types and not the stored one gets MANIFEST_UNKNOWN (distribution answers "OCI
 * manifest found, but accept header does not support OCI manifests"); a client that sends no
 * {@code Accept}, a wildcard, or only non-manifest types (say {@code application/json}) is
 * served, since the spec leaves the stored Content-Type authoritative.
 */
public final class AcceptedTypes {
  private final List<String> ranges;

  private AcceptedTypes(List<String> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  /** Parses every {@code Accept} header value (clients send several); ranges with {@code q=0} are dropped. */
  public static AcceptedTypes parse(List<String> headerValues) {
    List<String> ranges = new ArrayList<>();
    for (String header : headerValues) {
      for (String element : header.split(",")) {
        String[] parts = element.split(";");
        String essence = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!essence.isEmpty() && !hasZeroQuality(parts)) {
          ranges.add(essence);
        }
      }
    }
    return new AcceptedTypes(ranges);
  }

  public boolean admits(MediaType stored) {
    String essence = stored.essence();
    if (ranges.isEmpty() || ranges.stream().noneMatch(AcceptedTypes::isManifestType)) {
      return true;
    }
    String type = essence.substring(0, essence.indexOf('/'));
    return ranges.stream().anyMatch(r -> r.equals(essence) || r.equals("*/*") || r.equals(type + "/*"));
  }

  private static boolean isManifestType(String range) {
    return range.equals("*/*") || range.endsWith("/*")
        || range.startsWith("application/vnd.docker.distribution.manifest.")
        || range.startsWith("application/vnd.oci.image.manifest.")
        || range.startsWith("application/vnd.oci.image.index.")
        || range.startsWith("application/vnd.oci.artifact.manifest.");
  }

  private static boolean hasZeroQuality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
      if (parameter.startsWith("q=")) {
        try {
          return Double.parseDouble(parameter.substring(2)) <= 0.0;
        } catch (NumberFormatException e) {
          return false;
        }
      }
    }
    return false;
  }
}
