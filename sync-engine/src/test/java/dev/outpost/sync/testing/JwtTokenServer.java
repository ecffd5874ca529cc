package dev.outpost.sync.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A token server for Debian's docker-registry with {@code auth.token} (the distribution token
 * protocol): {@code GET /token?service=…&scope=…} with Basic credentials answers an RS256 JWT whose
 * header carries {@code x5c} (a signing certificate issued by a root the registry trusts through
 * {@code rootcertbundle}), claims {@code iss}, {@code sub}, {@code aud}, {@code exp}, {@code nbf},
 * {@code iat}, {@code jti} and {@code access}. Which actions a user gets on a repository is the test's
 * {@code grants} predicate (user, "repository:name:action"); wrong credentials get 401. Certificates
 * are made with BouncyCastle, tokens signed with nimbus-jose-jwt. Plain HTTP, or HTTPS with the
 * server certificate of a {@link TestCa} ({@link #startHttps}).
 */
public final class JwtTokenServer implements AutoCloseable {
  public static final String ISSUER = "outpost-test-issuer";

  private final HttpServer server;
  private final KeyPair signingKeys;
  private final List<Base64> chain;
  private final Path rootBundle;
  private final Map<String, String> users;
  private final BiPredicate<String, String> grants;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger withAuthorization = new AtomicInteger();

  private JwtTokenServer(Path dir, Map<String, String> users, BiPredicate<String, String> grants, TestCa tls)
      throws Exception {
    this.users = new ConcurrentHashMap<>(users);
    this.grants = grants;
    KeyPair rootKeys = rsa();
    X500Name rootName = new X500Name("CN=Outpost test token root");
    Instant now = Instant.now();
    X509Certificate root = sign(new JcaX509v3CertificateBuilder(rootName, BigInteger.ONE, Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(2))), rootName, rootKeys.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)), rootKeys);
    signingKeys = rsa();
    X509Certificate signing = sign(new JcaX509v3CertificateBuilder(rootName, BigInteger.TWO,
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
        new X500Name("CN=Outpost test token signer"), signingKeys.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature)), rootKeys);
    chain = List.of(Base64.encode(signing.getEncoded()));
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      writer.writeObject(root);
    }
    rootBundle = Files.writeString(dir.resolve("token-root.pem"), pem.toString());
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (tls == null) {
      server = HttpServer.create(loopback, 0);
    } else {
      HttpsServer https = HttpsServer.create(loopback, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(sslContext(tls)));
      server = https;
    }
    server.createContext("/token", this::token);
    server.start();
  }

  public static JwtTokenServer start(Path dir, Map<String, String> users, BiPredicate<String, String> grants) {
    return start(dir, users, grants, null);
  }

  /** The same over HTTPS, with the server certificate {@code ca} issued for 127.0.0.1. */
  public static JwtTokenServer startHttps(Path dir, Map<String, String> users, BiPredicate<String, String> grants, TestCa ca) {
    return start(dir, users, grants, ca);
  }

  private static JwtTokenServer start(Path dir, Map<String, String> users, BiPredicate<String, String> grants, TestCa tls) {
    try {
      return new JwtTokenServer(dir, users, grants, tls);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the test token server", e);
    }
  }

  private static SSLContext sslContext(TestCa ca) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ca.keyStore())) {
      store.load(in, TestCa.STORE_PASSWORD.toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, TestCa.STORE_PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  /** The registry's {@code auth:} section for this server. */
  public String registryAuthYaml(String service) {
    return "auth:\n  token:\n    realm: " + realm() + "\n    service: " + service + "\n    issuer: " + ISSUER
        + "\n    rootcertbundle: " + rootBundle + "\n";
  }

  public String realm() {
    return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  /** The query of every token request, in order (no credentials). */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** From now on {@code user} has {@code password} (a rotation at the parent); tokens issued before stay valid. */
  public void changePassword(String user, String password) {
    users.put(user, password);
  }

  /** How many token requests carried an {@code Authorization} header (credentials, whatever their worth). */
  public int requestsWithAuthorization() {
    return withAuthorization.get();
  }

  private void token(HttpExchange exchange) throws IOException {
    try (exchange) {
      String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
      requests.add(query);
      if (exchange.getRequestHeaders().containsKey("Authorization")) {
        withAuthorization.incrementAndGet();
      }
      String user = authenticated(exchange.getRequestHeaders().getFirst("Authorization"));
      if (user == null) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      String service = null;
      List<Map<String, Object>> access = new ArrayList<>();
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        String value = kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
        if (kv[0].equals("service")) {
          service = value;
        } else if (kv[0].equals("scope")) {
          access.addAll(granted(user, value));
        }
      }
      byte[] body = ("{\"token\":\"" + sign(user, service, access) + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    } catch (JOSEException e) {
      throw new IOException(e);
    }
  }

  /** {@code type:name:a,b} (the name may hold colons only for a port, which tests do not use). */
  private List<Map<String, Object>> granted(String user, String scope) {
    String[] parts = scope.split(":");
    if (parts.length != 3) {
      return List.of();
    }
    List<String> actions = new ArrayList<>();
    for (String action : parts[2].split(",")) {
      if (grants.test(user, parts[0] + ":" + parts[1] + ":" + action)) {
        actions.add(action);
      }
    }
    return actions.isEmpty() ? List.of() : List.of(Map.of("type", parts[0], "name", parts[1], "actions", actions));
  }

  private String authenticated(String header) {
    if (header == null || !header.startsWith("Basic ")) {
      return null;
    }
    String decoded = new String(java.util.Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String user = decoded.substring(0, colon);
    return decoded.substring(colon + 1).equals(users.get(user)) ? user : null;
  }

  private String sign(String user, String service, List<Map<String, Object>> access) throws JOSEException {
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(user).audience(service)
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).notBeforeTime(Date.from(now.minusSeconds(60)))
        .issueTime(Date.from(now)).jwtID(UUID.randomUUID().toString()).claim("access", access).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).x509CertChain(chain).build(), claims);
    jwt.sign(new RSASSASigner(signingKeys.getPrivate()));
    return jwt.serialize();
  }

  private static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate())));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
