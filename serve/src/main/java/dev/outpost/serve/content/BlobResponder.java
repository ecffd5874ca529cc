package dev.outpost.serve.content;

import dev.outpost.serve.error.ErrorCode;
import dev.outpost.serve.error.ErrorResponses;
import dev.outpost.serve.error.RegistryError;
import dev.outpost.serve.http.RegistryHeaders;
import dev.outpost.serve.http.Replies;
import dev.outpost.serve.route.RegistryRoute;
import dev.outpost.store.BlobInfo;
import dev.outpost.store.BlobReader;
import dev.outpost.store.ManifestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET|HEAD /v2/<name>/blobs/<digest>}: the whole blob (200), one range (206) or 416;
 * {@code If-None-Match} with the digest ETag gives 304. Blobs are immutable and content-addressed,
 * so ETag is the digest and clients may cache forever.
 */
public final class BlobResponder {
  private static final Logger LOG = LoggerFactory.getLogger(BlobResponder.class);
  private final BlobReader blobs;
  private final ManifestReader manifests;
  private final FileBody bodies;
  /** Digests whose damaged file has been logged: once each, not on every request for it. */
  private final Set<String> reportedDamaged = ConcurrentHashMap.newKeySet();

  public BlobResponder(BlobReader blobs, ManifestReader manifests, FileBody bodies) {
    this.blobs = blobs;
    this.manifests = manifests;
    this.bodies = bodies;
  }

  public void respond(RegistryRoute.Blob route, Request request, Response response, Callback callback) {
    // A blob is readable through a repository only if one of its manifests references it: blob
    // files are shared, and a token for one repository must not read another's layers by digest.
    Optional<BlobInfo> info = manifests.referencesBlob(route.repository(), route.digest())
        ? blobs.stat(route.digest()) : Optional.empty();
    if (info.isEmpty()) {
      ErrorCode code = manifests.hasRepository(route.repository()) ? ErrorCode.BLOB_UNKNOWN : ErrorCode.NAME_UNKNOWN;
      throw RegistryError.of(code).toException();
    }
    long size = info.get().size();
    String etag = EntityTags.of(route.digest());
    boolean notModified = EntityTags.matches(request.getHeaders().getValuesList(HttpHeader.IF_NONE_MATCH), etag);
    if (!notModified) {
      requireIntactFile(route, size); // before any header: a refusal carries none of the blob's
    }
    HttpFields.Mutable headers = response.getHeaders();
    headers.put(RegistryHeaders.CONTENT_DIGEST, route.digest().toString());
    headers.put(HttpHeader.ETAG, etag);
    headers.put(HttpHeader.ACCEPT_RANGES, "bytes");
    headers.put(HttpHeader.CACHE_CONTROL, "max-age=31536000");
    if (notModified) {
      Replies.sendEmpty(response, callback, 304);
      return;
    }
    switch (ByteRange.parse(rangeHeader(request, etag), size)) {
      case ByteRange.Whole w -> send(request, response, callback, route, 200, 0, size);
      case ByteRange.Partial p -> {
        headers.put(HttpHeader.CONTENT_RANGE, p.range().contentRange(size));
        send(request, response, callback, route, 206, p.range().start(), p.range().length());
      }
      case ByteRange.Unsatisfiable u -> {
        // No error envelope: the spec lists no code for a range, and RFC 9110 needs only Content-Range.
        headers.put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
        headers.put(HttpHeader.CONTENT_LENGTH, 0);
        Replies.sendEmpty(response, callback, 416);
      }
    }
  }

  /**
   * A blob file whose size disagrees with the index (truncated, replaced, gone) is never sent: a
   * client would get bytes that are not the digest it asked for. The pull fails with
   * {@code BLOB_UNKNOWN}, as for a blob that is not there, and the fault is logged for the operator
   * ({@code outpost verify --repair} quarantines it and the next sync fetches it again), once per
   * digest. A 304 never gets here: it sends no bytes, so it needs no look at the file.
   */
  private void requireIntactFile(RegistryRoute.Blob route, long indexedSize) {
    Path file = blobs.blobPath(route.digest());
    long actual;
    try {
      actual = Files.size(file);
    } catch (IOException e) {
      actual = -1;
    }
    if (actual != indexedSize) {
      if (reportedDamaged.add(route.digest().toString())) {
        LOG.error("refused to serve blob {}: the index records {} bytes but {} {}; run 'outpost verify --repair'",
            route.digest(), indexedSize, file, actual < 0 ? "is missing" : "has " + actual);
      }
      throw RegistryError.of(ErrorCode.BLOB_UNKNOWN).toException();
    }
  }

  /** The Range header, unless an If-Range names another entity (then the whole blob is sent). */
  private static Optional<String> rangeHeader(Request request, String etag) {
    String ifRange = request.getHeaders().get(HttpHeader.IF_RANGE);
    if (ifRange != null && !ifRange.trim().equals(etag)) {
      return Optional.empty();
    }
    return Optional.ofNullable(request.getHeaders().get(HttpHeader.RANGE));
  }

  private void send(Request request, Response response, Callback callback, RegistryRoute.Blob route, int status,
      long offset, long length) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
    if (Replies.isHead(request)) {
      response.write(true, null, callback);
    } else {
      // A failure before anything was sent (say, GC removed the file after stat) still gets an error envelope.
      bodies.write(blobs.blobPath(route.digest()), offset, length, response,
          Callback.from(callback::succeeded, failure -> ErrorResponses.write(request, response, callback, failure)));
    }
  }
}
