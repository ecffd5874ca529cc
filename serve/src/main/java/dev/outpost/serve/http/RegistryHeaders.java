package dev.outpost.serve.http;

/** Header names of the distribution API that Jetty's HttpHeader does not know. */
public final class RegistryHeaders {
  public static final String API_VERSION = "Docker-Distribution-API-Version";
  public static final String API_VERSION_VALUE = "registry/2.0";
  public static final String CONTENT_DIGEST = "Docker-Content-Digest";

  private RegistryHeaders() {}
}
