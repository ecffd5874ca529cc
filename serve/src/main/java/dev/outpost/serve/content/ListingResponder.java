package dev.outpost.serve.content;

import dev.outpost.serve.auth.Principal;
import dev.outpost.serve.error.ErrorCode;
import dev.outpost.serve.error.RegistryError;
import dev.outpost.serve.http.Replies;
import dev.outpost.serve.route.RegistryRoute;
import dev.outpost.store.ManifestReader;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /v2/<name>/tags/list} and {@code GET /v2/_catalog}, paginated with {@code n} and
 * {@code last}. The catalog lists only repositories on which the caller has {@code metadata/read}:
 * a repository outside its scope map is as invisible as one that does not exist.
 */
public final class ListingResponder {
  private final ManifestReader manifests;

  public ListingResponder(ManifestReader manifests) {
    this.manifests = manifests;
  }

  public void tags(RegistryRoute.TagList route, Request request, Response response, Callback callback) {
    List<String> tags = manifests.tags(route.repository()).stream().map(Tag::value).toList();
    if (tags.isEmpty() && !manifests.hasRepository(route.repository())) {
      throw RegistryError.of(ErrorCode.NAME_UNKNOWN).toException();
    }
    Pagination.Page page = Pagination.from(Request.extractQueryParameters(request))
        .apply(tags, "/v2/" + route.repository() + "/tags/list");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", route.repository().value());
    body.put("tags", page.entries());
    send(request, response, callback, page, body);
  }

  public void catalog(Principal principal, Request request, Response response, Callback callback) {
    List<String> visible = manifests.repositories().stream()
        .filter(principal::listsInCatalog)
        .map(RepositoryName::value)
        .toList();
    Pagination.Page page = Pagination.from(Request.extractQueryParameters(request)).apply(visible, "/v2/_catalog");
    send(request, response, callback, page, Map.of("repositories", page.entries()));
  }

  private static void send(Request request, Response response, Callback callback, Pagination.Page page,
      Map<String, Object> body) {
    page.nextLink().ifPresent(link -> response.getHeaders().put(HttpHeader.LINK, link));
    Replies.sendJson(request, response, callback, 200, body);
  }
}
