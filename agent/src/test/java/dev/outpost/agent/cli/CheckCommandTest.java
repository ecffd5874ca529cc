package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code outpost check}, against a real HTTP(S) server on loopback. */
class CheckCommandTest {
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir
  Path dir;
  HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @ParameterizedTest(name = "{0} -> exit {1}")
  @CsvSource({"200, 0", "401, 0", "404, 1", "503, 1"})
  void aRegistrysAnswerPassesAndAnythingElseFails(int status, int exit) throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    answer(server, status);

    CliRun run = CliRun.of("check", "http://127.0.0.1:" + server.getAddress().getPort() + "/v2/");

    assertThat(run.exitCode()).as("%s", run).isEqualTo(exit);
    assertThat(run.stdout() + run.stderr()).contains("answered " + status);
  }

  @Test
  void nothingListeningFailsSayingSo() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }

    CliRun run = CliRun.of("check", "http://127.0.0.1:" + port + "/v2/");

    assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
    assertThat(run.stderr()).contains("did not answer");
  }

  @Test
  void tlsIsVerifiedAgainstTheGivenCa() throws Exception {
    Path keystore = keytool("server");
    Path ca = exportPem(keystore, "server");
    server = httpsServer(keystore);
    answer(server, 401);
    String url = "https://127.0.0.1:" + server.getAddress().getPort() + "/v2/";

    CliRun trusted = CliRun.of("check", url, "--ca", ca.toString());
    CliRun untrusted = CliRun.of("check", url);
    CliRun otherCa = CliRun.of("check", url, "--ca", exportPem(keytool("other"), "other").toString());

    assertThat(trusted.exitCode()).as("%s", trusted).isZero();
    assertThat(untrusted.exitCode()).as("%s", untrusted).isEqualTo(1);
    assertThat(otherCa.exitCode()).as("%s", otherCa).isEqualTo(1);
    assertThat(otherCa.stderr()).contains("did not answer");
  }

  @Test
  void aCaFileThatIsNotPemIsAConfigurationError() throws Exception {
    Path notPem = Files.writeString(dir.resolve("ca.crt"), "not a certificate");

    CliRun run = CliRun.of("check", "https://127.0.0.1:1/v2/", "--ca", notPem.toString());

    assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.CONFIG);
    assertThat(run.stderr()).contains("--ca " + notPem);
  }

  private static void answer(HttpServer server, int status) {
    server.createContext("/v2/", exchange -> {
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  private HttpsServer httpsServer(Path keystore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(keystore.toFile())) {
      store.load(in, PASSWORD);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(context));
    return https;
  }

  /** A self-signed certificate for 127.0.0.1 made by the JDK's keytool (it is its own CA). */
  private Path keytool(String alias) throws Exception {
    Path keystore = dir.resolve(alias + ".p12");
    run("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + alias,
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", new String(PASSWORD));
    return keystore;
  }

  private Path exportPem(Path keystore, String alias) throws Exception {
    Path pem = dir.resolve(alias + ".crt");
    run("-exportcert", "-rfc", "-alias", alias, "-keystore", keystore.toString(), "-storepass", new String(PASSWORD),
        "-file", pem.toString());
    return pem;
  }

  private static void run(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }
}
