package dev.outpost.serve;

import dev.outpost.serve.audit.AccessLog;
import dev.outpost.serve.auth.AccessController;
import dev.outpost.serve.auth.AuthDecision;
import dev.outpost.serve.auth.RequiredAccess;
import dev.outpost.serve.auth.TokenEndpoint;
import dev.outpost.serve.children.ChildReportEndpoint;
import dev.outpost.serve.content.BlobResponder;
import dev.outpost.serve.content.ListingResponder;
import dev.outpost.serve.content.ManifestResponder;
import dev.outpost.serve.content.ReferrersResponder;
import dev.outpost.serve.http.RegistryHeaders;
import dev.outpost.serve.error.ErrorCode;
import dev.outpost.serve.error.ErrorResponses;
import dev.outpost.serve.error.RegistryError;
import dev.outpost.serve.http.Replies;
import dev.outpost.serve.metrics.RequestMetrics;
import dev.outpost.serve.route.RegistryRoute;
import dev.outpost.serve.route.RouteParser;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Translates HTTP to store reads and nothing more: parses the path into a {@link RegistryRoute},
 * asks the {@link AccessController} (before any store lookup), and hands the request to the
 * responder for the route. Every failure goes through {@link ErrorResponses}. Only GET and HEAD
 * exist under {@code /v2/}: the endpoint is read-only, so any other method is 405 UNSUPPORTED.
 */
public final class RegistryApiHandler extends Handler.Abstract {
  private static final String ALLOWED = "GET, HEAD";

  private final AccessController accessController;
  private final TokenEndpoint tokenEndpoint;
  private final ManifestResponder manifests;
  private final BlobResponder blobs;
  private final ListingResponder listings;
  private final ReferrersResponder referrers;
  private final Optional<ChildReportEndpoint> children;

  /** Also taking the reports of child Outposts ({@link ChildReportEndpoint}) when {@code children} is present. */
  public RegistryApiHandler(AccessController accessController, TokenEndpoint tokenEndpoint,
      ManifestResponder manifests, BlobResponder blobs, ListingResponder listings, ReferrersResponder referrers,
      Optional<ChildReportEndpoint> children) {
    this.children = children;
    this.accessController = accessController;
    this.tokenEndpoint = tokenEndpoint;
    this.manifests = manifests;
    this.blobs = blobs;
    this.listings = listings;
    this.referrers = referrers;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    try {
      if (TokenEndpoint.isTokenPath(path)) {
        RequestMetrics.label(request, "token");
        AccessLog.label(request, "token");
        tokenEndpoint.handle(request, response, callback);
      } else if (children.isPresent() && children.get().handles(path)) {
        RequestMetrics.label(request, "child-report");
        AccessLog.label(request, "child-report");
        children.get().handle(request, response, callback);
      } else if (RouteParser.isRegistryPath(path)) {
        response.getHeaders().put(RegistryHeaders.API_VERSION, RegistryHeaders.API_VERSION_VALUE);
        handleApi(path, request, response, callback);
      } else {
        ErrorResponses.write(request, response, callback, RegistryError.of(ErrorCode.NAME_UNKNOWN, "no such endpoint"));
      }
    } catch (Throwable failure) {
      ErrorResponses.write(request, response, callback, failure);
    }
    return true;
  }

  private void handleApi(String path, Request request, Response response, Callback callback) {
    if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
      throw RegistryError.of(ErrorCode.UNSUPPORTED, "this registry is read-only")
          .withHeader(HttpHeader.ALLOW.asString(), ALLOWED).toException();
    }
    RegistryRoute route = RouteParser.parse(path);
    RequestMetrics.label(request, route.label());
    AccessLog.describe(request, route);
    switch (accessController.authorize(request, RequiredAccess.forRoute(route))) {
      case AuthDecision.Challenge c -> ErrorResponses.write(request, response, callback, c.error());
      case AuthDecision.Grant g -> {
        AccessLog.tokenName(request, g.principal().token().name());
        dispatch(route, g, request, response, callback);
      }
    }
  }

  private void dispatch(RegistryRoute route, AuthDecision.Grant grant, Request request, Response response,
      Callback callback) {
    switch (route) {
      case RegistryRoute.Base b -> Replies.sendJson(request, response, callback, 200, Map.of());
      case RegistryRoute.Catalog c -> listings.catalog(grant.principal(), request, response, callback);
      case RegistryRoute.TagList t -> listings.tags(t, request, response, callback);
      case RegistryRoute.Manifest m -> manifests.respond(m, request, response, callback);
      case RegistryRoute.Blob b -> blobs.respond(b, request, response, callback);
      case RegistryRoute.Referrers r -> referrers.respond(r, request, response, callback);
    }
  }
}
