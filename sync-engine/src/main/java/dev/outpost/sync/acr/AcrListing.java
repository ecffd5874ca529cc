package dev.outpost.sync.acr;

import com.azure.containers.containerregistry.ContainerRegistryClient;
import com.azure.containers.containerregistry.ContainerRegistryClientBuilder;
import com.azure.containers.containerregistry.ContainerRegistryServiceVersion;
import com.azure.containers.containerregistry.implementation.AzureContainerRegistryImpl;
import com.azure.containers.containerregistry.implementation.UtilsImpl;
import com.azure.containers.containerregistry.implementation.models.TagAttributesBase;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.Context;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.http.AzureHttpClients;
import dev.outpost.sync.source.TagListing;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * ACR's own listing API through the Azure Container Registry SDK: the repositories
 * ({@code GET /acr/v1/_catalog}, the SDK's {@code listRepositoryNames}) and every tag of a repository
 * with its {@code lastUpdateTime} ({@code GET /acr/v1/<name>/_tags?orderby=timedesc}, through the
 * SDK's generated REST client: its public {@code listTagProperties} lists only the tags of one
 * manifest).
 *
 * <p>The SDK runs on a bare pipeline over Outpost's authenticated OkHttp client: no Azure credential
 * policy (the auth interceptor answers ACR's challenges, Basic or Entra alike), no Azure retry policy
 * (the caller's {@code RetryPolicy} is the one that decides), no Azure HTTP logging. SDK failures
 * come out as {@link dev.outpost.sync.http.ParentException} or {@link IOException} ({@link AcrErrors}).
 */
public final class AcrListing {
  /** ACR's page size limit for {@code _catalog} and {@code _tags}. */
  static final int PAGE_SIZE = 100;
  static final String ORDER_NEWEST_FIRST = "timedesc";

  private final ContainerRegistryClient client;
  private final AzureContainerRegistryImpl rest;
  private final String endpoint;

  private AcrListing(ContainerRegistryClient client, AzureContainerRegistryImpl rest, String endpoint) {
    this.client = client;
    this.rest = rest;
    this.endpoint = endpoint;
  }

  /** A listing of the ACR at {@code base}, sent through {@code authenticated} (the parent's client). */
  public static AcrListing over(OkHttpClient authenticated, HttpUrl base) {
    HttpPipeline pipeline = new HttpPipelineBuilder().httpClient(AzureHttpClients.over(authenticated)).build();
    String endpoint = base.toString().replaceAll("/+$", "");
    ContainerRegistryServiceVersion version = ContainerRegistryServiceVersion.getLatest();
    ContainerRegistryClient client = new ContainerRegistryClientBuilder().endpoint(endpoint).pipeline(pipeline)
        .serviceVersion(version).buildClient();
    return new AcrListing(client, new AzureContainerRegistryImpl(pipeline, endpoint, version.getVersion()), endpoint);
  }

  /** Every repository the token may list. */
  public List<RepositoryName> repositories() throws IOException {
    String what = "list the repositories through ACR's /acr/v1/_catalog at " + endpoint;
    return AcrErrors.call(what, () -> {
      List<RepositoryName> names = new ArrayList<>();
      client.listRepositoryNames().iterableByPage(PAGE_SIZE).forEach(page -> page.getValue()
          .forEach(name -> names.add(RepositoryName.of(name))));
      return names;
    });
  }

  /** Every tag of {@code repo}, newest change first, with each tag's {@code lastUpdateTime}. */
  public TagListing tags(RepositoryName repo) throws IOException {
    String what = "list the tags of " + repo + " through ACR's /acr/v1/" + repo + "/_tags at " + endpoint;
    return AcrErrors.call(what, () -> {
      List<Tag> tags = new ArrayList<>();
      Map<Tag, Instant> updated = new HashMap<>();
      // ACR pages by a Link header, as the distribution API does; the SDK's helper reads it.
      PagedResponse<TagAttributesBase> page = UtilsImpl.getPagedResponseWithContinuationToken(rest.getContainerRegistries()
          .getTagsSinglePage(repo.value(), null, PAGE_SIZE, ORDER_NEWEST_FIRST, null, Context.NONE));
      for (int pages = 1; ; pages++) {
        for (TagAttributesBase attributes : page.getValue()) {
          Tag tag = Tag.of(attributes.getName());
          tags.add(tag);
          if (attributes.getLastUpdatedOn() != null) {
            updated.put(tag, attributes.getLastUpdatedOn().toInstant());
          }
        }
        String next = page.getContinuationToken();
        if (next == null || next.isEmpty()) {
          return new TagListing(tags, updated);
        }
        if (pages > 100_000) {
          throw new IllegalStateException("more than 100000 pages: the parent's links loop");
        }
        page = UtilsImpl.getPagedResponseWithContinuationToken(
            rest.getContainerRegistries().getTagsNextSinglePage(next, Context.NONE));
      }
    });
  }
}
