package dev.outpost.sync.registry;

import dev.outpost.sync.source.BlobStream;
import dev.outpost.sync.source.FetchedManifest;
import dev.outpost.sync.source.ManifestHead;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.store.manifest.ImageIndex;
import dev.outpost.store.manifest.ManifestParser;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.acr.AcrListing;
import dev.outpost.sync.http.HttpClients;
import dev.outpost.sync.http.ResponseGate;
import dev.outpost.sync.http.RetryPolicy;
import dev.outpost.sync.http.UnusableResponseException;
import dev.outpost.sync.link.StopSignal;
import dev.outpost.sync.source.ContentSource;
import dev.outpost.sync.source.TagListing;
import dev.outpost.sync.parent.ParentEndpoint;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The OCI distribution protocol as a client, pull side only. Builds requests and reads answers;
 * auth lives in the HTTP client's interceptor and error judgement in {@link ResponseGate}. Every
 * metadata call goes through the retry policy; blob ranges are retried by the caller, which knows
 * how far it got. Owns its HTTP client: {@link #close()} releases its connections and threads.
 */
public final class RegistryClient implements ContentSource {
  /** Accept all four manifest kinds; the parent picks, we store what it sent byte for byte. */
  static final String MANIFEST_ACCEPT = String.join(", ", MediaType.OCI_MANIFEST.value(), MediaType.OCI_INDEX.value(),
      MediaType.DOCKER_MANIFEST.value(), MediaType.DOCKER_MANIFEST_LIST.value());
  static final int PAGE_SIZE = 1000;
  /** A page of the catalog or of a tag list is read whole; larger is refused. */
  static final int MAX_LISTING_BYTES = 16 * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OkHttpClient http;
  private final HttpUrl base;
  private final RetryPolicy retry;
  private final int pageSize;
  /** ACR's own listing API, for a parent that is an ACR: the catalog and tag times. */
  private final Optional<AcrListing> acr;

  /** {@code pageSize} is the {@code n} asked of paginated listings (small in tests, to exercise Link). */
  RegistryClient(OkHttpClient http, HttpUrl base, RetryPolicy retry, int pageSize) {
    this(http, base, retry, pageSize, Optional.empty());
  }

  private RegistryClient(OkHttpClient http, HttpUrl base, RetryPolicy retry, int pageSize, Optional<AcrListing> acr) {
    this.http = http;
    this.base = base;
    this.retry = retry;
    this.pageSize = pageSize;
    this.acr = acr;
  }

  /**
   * A client of {@code parent} with an authenticated HTTP client of its own: up to
   * {@code connections} pooled connections, and a transfer that brings no byte for
   * {@code stallTimeout} fails (see {@link HttpClients}). Nothing stops its requests but the stall
   * timeout: for one-off commands.
   */
  public static RegistryClient forParent(ParentEndpoint parent, int connections, Duration stallTimeout,
      RetryPolicy retry, Clock clock) {
    return forParent(parent, connections, stallTimeout, retry, clock, new StopSignal());
  }

  /**
   * Like {@link #forParent(ParentEndpoint, int, Duration, RetryPolicy, Clock)}, and every request,
   * from sending it to the end of its body, is cancelled when {@code stop} fires.
   */
  public static RegistryClient forParent(ParentEndpoint parent, int connections, Duration stallTimeout,
      RetryPolicy retry, Clock clock, StopSignal stop) {
    OkHttpClient http = ParentHttpClient.create(parent, connections, stallTimeout, clock, stop);
    HttpUrl base = HttpUrl.get(parent.baseUrl());
    Optional<AcrListing> acr = parent.acr() ? Optional.of(AcrListing.over(http, base)) : Optional.empty();
    return new RegistryClient(http, base, retry, PAGE_SIZE, acr);
  }

  /** {@code GET /v2/}: reachable, speaks the protocol, and our credentials work. */
  @Override
  public void ping() throws IOException {
    retry.execute(() -> {
      try (Response r = call(get(url("v2", "")), "ping the registry")) {
        return null;
      }
    });
  }

  @Override
  public String describe() {
    return "parent " + base;
  }

  /** The base address of this parent ({@code https://host:port/}). */
  public java.net.URI address() {
    return base.uri();
  }

  /** {@link #ping()} in one attempt: is this address up now? (Choosing among a parent's addresses.) */
  public void probe() throws IOException {
    try (Response r = call(get(url("v2", "")), "ping the registry")) {
      // reachable, and our credentials work
    }
  }

  /**
   * Every repository in the catalog. An ACR is asked through its own listing API first (which a
   * token may be allowed where {@code /v2/_catalog} is refused), then through {@code /v2/_catalog};
   * when neither answers, the failure names both.
   */
  @Override
  public List<RepositoryName> repositories() throws IOException {
    if (acr.isEmpty()) {
      return catalog();
    }
    try {
      return retry.execute(acr.get()::repositories);
    } catch (IOException | RuntimeException acrFailure) {
      try {
        return catalog();
      } catch (IOException | RuntimeException catalogFailure) {
        catalogFailure.addSuppressed(acrFailure);
        throw new IOException(oneLine(acrFailure) + "; then " + oneLine(catalogFailure), catalogFailure);
      }
    }
  }

  /**
   * The tags of {@code repo} with ACR's {@code lastUpdateTime} when the parent is an ACR whose listing
   * answers; otherwise {@code tags/list}, untimed (every tag is then re-checked by HEAD).
   */
  @Override
  public TagListing tagListing(RepositoryName repo) throws IOException {
    if (acr.isPresent()) {
      try {
        return retry.execute(() -> acr.get().tags(repo));
      } catch (IOException | RuntimeException e) {
        // Not fatal: the distribution API still lists the tags; they are then all checked by HEAD.
      }
    }
    return TagListing.untimed(tags(repo));
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  private List<RepositoryName> catalog() throws IOException {
    HttpUrl first = url("v2", "_catalog").newBuilder().addQueryParameter("n", String.valueOf(pageSize)).build();
    return paginate(first, "list the catalog", "repositories", RepositoryName::of);
  }

  /** Every tag of {@code repo}, following {@code Link} pagination. */
  @Override
  public List<Tag> tags(RepositoryName repo) throws IOException {
    HttpUrl first = repoUrl(repo, "tags", "list").newBuilder().addQueryParameter("n", String.valueOf(pageSize)).build();
    return paginate(first, "list the tags of " + repo, "tags", Tag::of);
  }

  /** {@code HEAD} a manifest: the parent's digest claim, to decide whether anything changed. */
  @Override
  public ManifestHead headManifest(RepositoryName repo, Reference reference) throws IOException {
    Request request = new Request.Builder().url(repoUrl(repo, "manifests", reference.toString()))
        .head().header("Accept", MANIFEST_ACCEPT).build();
    return retry.execute(() -> {
      try (Response r = call(request, "check manifest " + reference + " of " + repo)) {
        Optional<Digest> digest = Optional.ofNullable(r.header("Docker-Content-Digest")).flatMap(RegistryClient::digestOrEmpty);
        long size = Optional.ofNullable(r.header("Content-Length")).map(Long::parseLong).orElse(-1L);
        return new ManifestHead(digest, Optional.ofNullable(r.header("Content-Type")), size);
      }
    });
  }

  /** {@code GET} a manifest's exact bytes, refusing more than {@link ManifestParser#MAX_MANIFEST_BYTES}. */
  @Override
  public FetchedManifest getManifest(RepositoryName repo, Reference reference) throws IOException {
    Request request = new Request.Builder().url(repoUrl(repo, "manifests", reference.toString()))
        .get().header("Accept", MANIFEST_ACCEPT).build();
    String what = "fetch manifest " + reference + " of " + repo;
    return retry.execute(() -> {
      try (Response r = call(request, what)) {
        byte[] bytes = ResponseGate.readBody(r, ManifestParser.MAX_MANIFEST_BYTES, what);
        String type = Optional.ofNullable(r.header("Content-Type")).orElse(MediaType.OCI_MANIFEST.value());
        return new FetchedManifest(bytes, MediaType.parse(type));
      }
    });
  }

  /**
   * Streams bytes {@code [from, from + length)} of a blob. One attempt: the caller retries from
   * where its ingest got to. A 307 to storage is followed by the HTTP client without credentials.
   */
  @Override
  public BlobStream openBlob(RepositoryName repo, Digest digest, long from, long length) throws IOException {
    String what = "fetch blob " + digest + " of " + repo;
    BodySocket bodySocket = new BodySocket();
    Request request = new Request.Builder().url(repoUrl(repo, "blobs", digest.toString())).get()
        .header("Range", "bytes=" + from + "-" + (from + length - 1)).tag(BodySocket.class, bodySocket).build();
    Call blobCall = http.newCall(request);
    Response r = ResponseGate.check(blobCall.execute(), what);
    if (r.code() == 206) {
      requireRangeStart(r, from, what);
      return new RangeStream(r, bodySocket, blobCall::cancel, 0, length, what);
    }
    return new RangeStream(r, bodySocket, blobCall::cancel, from, length, what); // 200: the parent ignored Range
  }

  /**
   * The referrers API ({@code GET /v2/<name>/referrers/<digest>}, OCI distribution 1.1); a parent
   * without it answers 404, and then the {@code sha256-<hex>} tag of the referrers tag schema is read
   * instead (what {@code docker-registry} 2.8 holds). Neither present: no referrers.
   */
  @Override
  public List<Descriptor> referrers(RepositoryName repo, Digest subject) throws IOException {
    String what = "list the referrers of " + subject + " in " + repo;
    HttpUrl api = repoUrl(repo, "referrers", subject.toString());
    Optional<byte[]> index = retry.execute(() -> getIfPresent(api, what));
    if (index.isEmpty()) {
      HttpUrl tagSchema = repoUrl(repo, "manifests", subject.algorithm() + "-" + subject.hex());
      index = retry.execute(() -> getIfPresent(tagSchema, what));
    }
    if (index.isEmpty()) {
      return List.of();
    }
    if (!(ManifestParser.parse(index.get(), MediaType.OCI_INDEX) instanceof ImageIndex referrers)) {
      throw new UnusableResponseException(what + ": the answer is not an image index");
    }
    return referrers.manifests();
  }

  private Optional<byte[]> getIfPresent(HttpUrl url, String what) throws IOException {
    Request request = new Request.Builder().url(url).get()
        .header("Accept", MediaType.OCI_INDEX.value()).build();
    try (Response r = http.newCall(request).execute()) {
      if (r.code() == 404) {
        return Optional.empty();
      }
      try (Response checked = ResponseGate.check(r, what)) {
        return Optional.of(ResponseGate.readBody(checked, ManifestParser.MAX_MANIFEST_BYTES, what));
      }
    }
  }

  private static void requireRangeStart(Response r, long from, String what) throws IOException {
    String contentRange = r.header("Content-Range");
    if (contentRange != null && !contentRange.trim().startsWith("bytes " + from + "-")) {
      r.close();
      throw new UnusableResponseException(what + ": asked for bytes from " + from + " but got " + contentRange);
    }
  }

  private <T> List<T> paginate(HttpUrl first, String what, String field, Function<String, T> parse) throws IOException {
    List<T> all = new ArrayList<>();
    Optional<HttpUrl> next = Optional.of(first);
    for (int pages = 0; next.isPresent(); pages++) {
      if (pages > 100_000) {
        throw new UnusableResponseException(what + ": more than 100000 pages; the parent's Link headers loop");
      }
      HttpUrl page = next.get();
      next = retry.execute(() -> {
        try (Response r = call(get(page), what)) {
          JsonNode names = JSON.readTree(ResponseGate.readBody(r, MAX_LISTING_BYTES, what)).path(field);
          names.forEach(n -> all.add(parse.apply(n.asText())));
          return LinkHeader.next(r.header("Link"), r.request().url());
        }
      });
    }
    return all;
  }

  private Response call(Request request, String what) throws IOException {
    return ResponseGate.check(http.newCall(request).execute(), what);
  }

  private static Optional<Digest> digestOrEmpty(String value) {
    try {
      return Optional.of(Digest.parse(value.trim()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Request get(HttpUrl url) {
    return new Request.Builder().url(url).get().build();
  }

  private HttpUrl url(String... segments) {
    HttpUrl.Builder b = base.newBuilder();
    for (String s : segments) {
      b.addPathSegment(s);
    }
    return b.build();
  }

  private HttpUrl repoUrl(RepositoryName repo, String kind, String last) {
    HttpUrl.Builder b = base.newBuilder().addPathSegment("v2").addPathSegments(repo.value()).addPathSegment(kind);
    return b.addPathSegment(last).build();
  }

  /** Releases pooled connections and OkHttp's threads. */
  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
