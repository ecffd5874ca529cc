package dev.outpost.serve.content;

import dev.outpost.serve.http.Replies;
import dev.outpost.serve.route.RegistryRoute;
import dev.outpost.store.ReferrersReader;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code GET /v2/<name>/referrers/<digest>} as the OCI distribution spec 1.1 defines it: an image
 * index ({@code application/vnd.oci.image.index.v1+json}) of the descriptors of the manifests whose
 * subject is {@code <digest>}, each with its {@code artifactType} and annotations. With
 * {@code ?artifactType=} only those of that type are listed and {@code OCI-Filters-Applied:
 * artifactType} says the filter was applied.
 *
 * <p>The spec forbids a 404 from this API: a subject with no referrers, and one this store does not
 * hold (a signature may arrive before or without its image), both get an empty index with 200. The
 * whole list is one page (no {@code Link}); referrers of one manifest are few.
 */
public final class ReferrersResponder {
  public static final String FILTERS_APPLIED = "OCI-Filters-Applied";
  private static final String ARTIFACT_TYPE = "artifactType";

  private final ReferrersReader referrers;

  public ReferrersResponder(ReferrersReader referrers) {
    this.referrers = referrers;
  }

  public void respond(RegistryRoute.Referrers route, Request request, Response response, Callback callback) {
    List<Descriptor> found = referrers.referrerDescriptors(route.repository(), route.subject());
    Fields.Field filter = Request.extractQueryParameters(request).get(ARTIFACT_TYPE);
    if (filter != null) {
      List<String> wanted = filter.getValues();
      found = found.stream().filter(d -> d.artifactType().filter(wanted::contains).isPresent()).toList();
      response.getHeaders().put(FILTERS_APPLIED, ARTIFACT_TYPE);
    }
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaType.OCI_INDEX.value());
    index.put("manifests", found.stream().map(ReferrersResponder::json).toList());
    Replies.send(request, response, callback, 200, MediaType.OCI_INDEX.value(), Replies.toJson(index));
  }

  private static Map<String, Object> json(Descriptor descriptor) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("mediaType", descriptor.mediaType().value());
    json.put("digest", descriptor.digest().toString());
    json.put("size", descriptor.size());
    descriptor.artifactType().ifPresent(type -> json.put(ARTIFACT_TYPE, type));
    if (!descriptor.annotations().isEmpty()) {
      json.put("annotations", descriptor.annotations());
    }
    return json;
  }
}
