package dev.outpost.serve.tls;

import java.security.SecureRandom;
import java.util.Base64;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Builds the HTTPS connector (HTTP/1.1 over TLS 1.2/1.3, Jetty's default protocols and ciphers)
 * serving the PEM files of {@link TlsSettings}, with a {@link CertificateReloader} added to the
 * server so it polls for as long as the server runs.
 */
public final class TlsConnectors {
  private TlsConnectors() {}

  /**
   * The connector for {@code server}, with {@code http} extended for HTTPS.
   *
   * @throws TlsMaterialException when the files cannot be served (the message names the file)
   */
  public static ServerConnector https(Server server, HttpConfiguration http, TlsSettings settings) {
    TlsFileContents files = TlsFileContents.read(settings);
    ServerCredentials credentials = ServerCredentials.parse(files, settings);
    // The key store lives only in memory; its password only satisfies the KeyStore API.
    char[] password = randomPassword();
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(credentials.toKeyStore(password));
    ssl.setKeyStorePassword(new String(password));
    ssl.setKeyManagerPassword(new String(password));

    HttpConfiguration https = new HttpConfiguration(http);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    // One certificate, no virtual hosts: a client that verified it has already checked the name it
    // dialled, and the check would only refuse clients reaching us by a Service or port-forward name.
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);
    ServerConnector connector = new ServerConnector(server,
        new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
    server.addBean(new CertificateReloader(ssl, settings, password, files, credentials));
    return connector;
  }

  private static char[] randomPassword() {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
  }
}
