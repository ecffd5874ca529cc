package dev.outpost.serve.content;

import dev.outpost.serve.error.ErrorCode;
import dev.outpost.serve.error.RegistryError;
import dev.outpost.serve.http.RegistryHeaders;
import dev.outpost.serve.http.Replies;
import dev.outpost.serve.route.RegistryRoute;
import dev.outpost.store.ManifestReader;
import dev.outpost.store.PullRecorder;
import dev.outpost.store.manifest.ManifestContent;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET|HEAD /v2/<name>/manifests/<reference>}: the stored bytes, byte for byte, with exactly
 * the Content-Type they were stored with (some manifests have no mediaType field; the type then
 * lives only in the header). {@code Accept} is honoured as {@link AcceptedTypes} describes.
 */
public final class ManifestResponder {
  private final ManifestReader manifests;
  private final PullRecorder pulls;

  public ManifestResponder(ManifestReader manifests) {
    this(manifests, PullRecorder.NONE);
  }

  /** {@code pulls} hears of every manifest GET answered with the manifest (quota's "least recently pulled"). */
  public ManifestResponder(ManifestReader manifests, PullRecorder pulls) {
    this.manifests = manifests;
    this.pulls = pulls;
  }

  public void respond(RegistryRoute.Manifest route, Request request, Response response, Callback callback) {
    Optional<ManifestContent> found = manifests.resolve(route.repository(), route.reference());
    if (found.isEmpty()) {
      ErrorCode code = manifests.hasRepository(route.repository()) ? ErrorCode.MANIFEST_UNKNOWN : ErrorCode.NAME_UNKNOWN;
      throw RegistryError.of(code).toException();
    }
    ManifestContent manifest = found.get();
    if (!AcceptedTypes.parse(request.getHeaders().getValuesList(HttpHeader.ACCEPT)).admits(manifest.contentType())) {
      throw RegistryError.of(ErrorCode.MANIFEST_UNKNOWN,
          "the manifest is of type " + manifest.contentType() + ", which the Accept header does not list").toException();
    }
    if (!Replies.isHead(request)) {
      pulls.recordPull(route.repository(), manifest.digest());
    }
    HttpFields.Mutable headers = response.getHeaders();
    headers.put(RegistryHeaders.CONTENT_DIGEST, manifest.digest().toString());
    String etag = EntityTags.of(manifest.digest());
    headers.put(HttpHeader.ETAG, etag);
    if (EntityTags.matches(request.getHeaders().getValuesList(HttpHeader.IF_NONE_MATCH), etag)) {
      Replies.sendEmpty(response, callback, 304);
      return;
    }
    Replies.send(request, response, callback, 200, manifest.contentType().value(), manifest.bytes());
  }
}
