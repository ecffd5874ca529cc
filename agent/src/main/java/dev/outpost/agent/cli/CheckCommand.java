package dev.outpost.agent.cli;

import dev.outpost.agent.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code outpost check URL [--ca FILE]}: does a registry answer at {@code URL} (its {@code /v2/})?
 * Exit 0 when it answers 200 or 401 (a registry asking for credentials), 1 when it answers
 * anything else or cannot be reached (TLS verification failing included), 3 when the CA file is
 * unusable. The Helm chart's {@code helm test} pod runs it: the image has no shell nor curl.
 */
@Command(name = "check", description = "Check that a registry endpoint answers: exit 0 when URL (its /v2/) answers 200 or 401.")
public final class CheckCommand implements Callable<Integer> {
  static final int NOT_ANSWERING = 1;

  @ParentCommand
  OutpostCommand root;

  @Parameters(index = "0", paramLabel = "URL", description = "The endpoint's /v2/ URL, e.g. https://10.43.0.50:443/v2/.")
  URI url;

  @Option(names = "--ca", paramLabel = "FILE", description = "PEM file of the CA(s) to trust instead of the JDK's.")
  Path ca;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT10S",
      description = "How long to wait for the connection and for the answer. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Override
  public Integer call() throws InterruptedException {
    CommandContext ctx = root.context();
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(timeout);
    if (ca != null) {
      client.sslContext(trusting(ca));
    }
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
    try (HttpClient http = client.build()) {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status == 200 || status == 401) {
        ctx.out().println(url + " answered " + status + (status == 401 ? " (a registry asking for credentials)" : ""));
        return ExitCodes.OK;
      }
      ctx.err().println("outpost: " + url + " answered " + status + ", not a registry's 200 or 401");
    } catch (IOException e) {
      ctx.err().println("outpost: " + url + " did not answer: " + describe(e));
    }
    return NOT_ANSWERING;
  }

  private static String describe(IOException e) {
    Throwable cause = e;
    while (cause.getCause() != null && (cause.getMessage() == null || cause.getMessage().isBlank())) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }

  /** An SSLContext that trusts exactly the certificates of {@code pemFile}. */
  static SSLContext trusting(Path pemFile) {
    try (InputStream in = Files.newInputStream(pemFile)) {
      Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new ConfigException("--ca " + pemFile + ": no PEM certificate in the file");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new ConfigException("--ca " + pemFile + ": cannot read it: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new ConfigException("--ca " + pemFile + ": not a PEM certificate file: " + e.getMessage(), e);
    }
  }
}
