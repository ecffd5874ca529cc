package dev.outpost.sync.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * Which TLS certificates of the parent are trusted: the system's trust store always, plus the
 * CAs of a PEM bundle (a site's private CA), or, with {@code insecure}, any
 * certificate for any host. Insecure is for a lab: whoever sits on the path can read the sync
 * credentials (content stays safe: every digest is computed here), so the wiring logs a warning.
 */
public record TlsTrust(List<X509Certificate> siteCas, boolean insecure) {
  public TlsTrust {
    siteCas = List.copyOf(siteCas);
    if (insecure && !siteCas.isEmpty()) {
      throw new IllegalArgumentException("a CA file and insecure do not go together: insecure trusts everything");
    }
  }

  /** The system's trust store only: the default. */
  public static TlsTrust system() {
    return new TlsTrust(List.of(), false);
  }

  /**
   * The system's CAs and those of the PEM bundle {@code caFile}, read now so that a bad file is a
   * config error. Equal files give equal values (certificates compare by their encoding), so a
   * parent read again each pass is the same parent until the file's certificates change.
   */
  public static TlsTrust withCaFile(Path caFile) {
    return new TlsTrust(certificates(caFile), false);
  }

  /** Any certificate, any host name. */
  public static TlsTrust trustingAnything() {
    return new TlsTrust(List.of(), true);
  }

  /** Sets the client's TLS trust; the system's defaults are left alone when there is nothing to add. */
  void applyTo(OkHttpClient.Builder builder) {
    if (insecure) {
      X509TrustManager any = new TrustAnything();
      builder.sslSocketFactory(context(any).getSocketFactory(), any).hostnameVerifier((host, session) -> true);
    } else if (!siteCas.isEmpty()) {
      X509TrustManager trust = new SystemOrSiteCa(systemTrust(), siteTrust(siteCas));
      builder.sslSocketFactory(context(trust).getSocketFactory(), trust);
    }
  }

  private static SSLContext context(X509TrustManager trust) {
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {trust}, null);
      return tls;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no TLS", e);
    }
  }

  private static X509TrustManager systemTrust() {
    return trustManager(null);
  }

  /** The certificates of a PEM file; a file without one is refused, naming it. */
  static List<X509Certificate> certificates(Path file) {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(file)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the CA file " + file + ": " + e.getMessage(), e);
    } catch (CertificateException e) {
      throw new IllegalArgumentException("the CA file " + file + " is not a PEM certificate bundle: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("the CA file " + file + " holds no certificate");
    }
    return certificates.stream().map(X509Certificate.class::cast).toList();
  }

  private static X509TrustManager siteTrust(List<X509Certificate> certificates) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      return trustManager(store);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a trust store of the site CAs", e);
    }
  }

  private static X509TrustManager trustManager(KeyStore store) {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("no X.509 trust manager in this JVM");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a trust manager", e);
    }
  }

  /** Trusts what the system trusts, and what the site's CA signed. */
  private record SystemOrSiteCa(X509TrustManager system, X509TrustManager site) implements X509TrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      try {
        system.checkServerTrusted(chain, authType);
      } catch (CertificateException notBySystem) {
        site.checkServerTrusted(chain, authType);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("Outpost's parent client does not verify clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      List<X509Certificate> all = new ArrayList<>(List.of(system.getAcceptedIssuers()));
      all.addAll(List.of(site.getAcceptedIssuers()));
      return all.toArray(X509Certificate[]::new);
    }
  }

  /** {@code parent.insecure: true}: no certificate is checked. */
  private static final class TrustAnything implements X509TrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      // insecure by the operator's explicit choice; the wiring warned
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("Outpost's parent client does not verify clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
