package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.extract.SameOutput;
import dev.hubspotextract.sandbox.Sandbox;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pulls behind a proxy: --proxy, the proxy variables, proxy credentials and --ca-cert. */
class ProxyPullTest {
  private static final String TOKEN = "pat-na1-" + UUID.randomUUID();
  private static final String PASSWORD = "s3cret-" + UUID.randomUUID();
  private static final String OBJECTS = "contacts,companies,deals";
  @TempDir Path tmp;

  private static Sandbox sandbox() {
    return Sandbox.builder().port(0).token(TOKEN).records(60).seed(11).start();
  }

  /** A sandbox served over TLS with the certificate of {@code tls/sandbox-ca.pem}. */
  private static Sandbox tlsSandbox() throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = ProxyPullTest.class.getResourceAsStream("/tls/sandbox.p12")) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(factory.getKeyManagers(), null, null);
    return Sandbox.builder().port(0).token(TOKEN).records(60).seed(11).tls(tls).start();
  }

  private static String caCert() throws Exception {
    return Path.of(ProxyPullTest.class.getResource("/tls/sandbox-ca.pem").toURI()).toString();
  }

  /** The TLS sandbox under a name only the test proxy resolves (to this machine). */
  private static URI byTestName(Sandbox sandbox) {
    return URI.create("https://hubspot.test:" + sandbox.baseUrl().getPort());
  }

  private Cli.Run pull(URI baseUrl, String out, String... extra) {
    List<String> args =
        new ArrayList<>(Cli.pullArgs(baseUrl, TOKEN, tmp.resolve(out), "--objects", OBJECTS));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void pullsThroughAnHttpProxyExactlyWhatItPullsDirectly() throws Exception {
    try (Sandbox sandbox = sandbox();
        ForwardProxy proxy = ForwardProxy.open()) {
      Cli.Run direct = pull(sandbox.baseUrl(), "direct");
      assertThat(proxy.requestLines()).isEmpty();

      Cli.Run proxied = pull(sandbox.baseUrl(), "proxied", "--proxy", proxy.url(null));

      assertThat(direct.exitCode()).as(direct.toString()).isZero();
      assertThat(proxied.exitCode()).as(proxied.toString()).isZero();
      SameOutput.assertSame(tmp.resolve("proxied"), tmp.resolve("direct"));
      assertThat(proxy.requestLines())
          .hasSizeGreaterThan(5)
          .allMatch(
              line -> line.matches("(GET|POST) " + sandbox.baseUrl() + "/crm/.*"), "absolute");
    }
  }

  @Test
  void proxyCredentialsGoToTheProxyAloneAndAreNeverPrinted() throws Exception {
    try (Sandbox sandbox = sandbox();
        ForwardProxy proxy = ForwardProxy.requiring("jane", PASSWORD)) {
      Cli.Run run =
          pull(sandbox.baseUrl(), "out", "--proxy", proxy.url("jane:" + PASSWORD), "--verbose");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(proxy.authorizations()).isNotEmpty().containsOnly(basic("jane", PASSWORD));
      assertThat(sandbox.requests())
          .isNotEmpty()
          .allMatch(request -> request.header("proxy-authorization") == null);
      assertThat(run.err()).contains("http: proxy " + proxy.url("jane:***") + " (from --proxy)");
      assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void aProxyThatWantsCredentialsIsOneClearLineWithoutThePassword() throws Exception {
    try (Sandbox sandbox = sandbox();
        ForwardProxy proxy = ForwardProxy.requiring("jane", PASSWORD)) {
      String address = proxy.url(null).substring("http://".length());

      Cli.Run none = pull(sandbox.baseUrl(), "none", "--proxy", proxy.url(null));
      Cli.Run wrong = pull(sandbox.baseUrl(), "wrong", "--proxy", proxy.url("jane:wr0ng-pw"));

      assertThat(none.exitCode()).as(none.toString()).isEqualTo(ExitCode.USAGE.code());
      assertThat(none.err())
          .startsWith(
              "hubspot-extract: the proxy "
                  + address
                  + " wants a user name and password (407 Proxy Authentication Required): put"
                  + " them in its URL, http://user:password@"
                  + address);
      assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(ExitCode.USAGE.code());
      assertThat(wrong.err())
          .startsWith(
              "hubspot-extract: the proxy " + address + " rejected the user name and password")
          .doesNotContain("wr0ng-pw");
      assertThat(sandbox.requests()).isEmpty();
    }
  }

  @Test
  void aProxyThatRefusesTheConnectionIsNamed() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (Sandbox sandbox = sandbox()) {
      Cli.Run run =
          pull(
              sandbox.baseUrl(),
              "out",
              "--proxy",
              "http://jane:" + PASSWORD + "@127.0.0.1:" + closedPort,
              "--max-retries",
              "0");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.UNAVAILABLE.code());
      assertThat(run.err())
          .contains(
              "cannot connect to the proxy http://jane:***@127.0.0.1:"
                  + closedPort
                  + " (from --proxy): connection refused")
          .doesNotContain(PASSWORD);
      Cli.Run unknown =
          pull(
              sandbox.baseUrl(),
              "unknown",
              "--proxy",
              "http://proxy.invalid:3128",
              "--max-retries",
              "0");
      assertThat(unknown.err())
          .contains(
              "cannot connect to the proxy http://proxy.invalid:3128 (from --proxy): no such host"
                  + " name");
    }
  }

  @Test
  void aBadProxyOrCaCertIsAUsageErrorNamingIt() throws Exception {
    try (Sandbox sandbox = sandbox()) {
      Cli.Run socks =
          pull(sandbox.baseUrl(), "socks", "--proxy", "socks5://jane:" + PASSWORD + "@proxy:1080");
      Cli.Run bare = pull(sandbox.baseUrl(), "bare", "--proxy", "proxy.corp:3128");
      Path missing = tmp.resolve("corp-ca.pem");
      Cli.Run noFile = pull(sandbox.baseUrl(), "nofile", "--ca-cert", missing.toString());

      assertThat(socks.exitCode()).as(socks.toString()).isEqualTo(ExitCode.USAGE.code());
      assertThat(socks.err())
          .startsWith(
              "hubspot-extract: --proxy socks5://jane:***@proxy:1080: only http:// proxies are"
                  + " supported")
          .doesNotContain(PASSWORD);
      assertThat(bare.exitCode()).isEqualTo(ExitCode.USAGE.code());
      assertThat(bare.err()).startsWith("hubspot-extract: --proxy proxy.corp:3128: no scheme");
      assertThat(noFile.exitCode()).isEqualTo(ExitCode.USAGE.code());
      assertThat(noFile.err())
          .startsWith(
              "hubspot-extract: cannot use "
                  + missing
                  + " as the CA certificate file (--ca-cert): no such file");
      assertThat(sandbox.requests()).isEmpty();
    }
  }

  @Test
  void anHttpsPortalThroughATunnelIsTrustedWithItsAuthorityFromCaCert() throws Exception {
    try (Sandbox sandbox = tlsSandbox();
        ForwardProxy proxy = ForwardProxy.open()) {
      Cli.Run direct = pull(sandbox.baseUrl(), "direct", "--ca-cert", caCert());
      Cli.Run untrusted = pull(byTestName(sandbox), "untrusted", "--proxy", proxy.url(null));
      Cli.Run tunnelled =
          pull(byTestName(sandbox), "tunnelled", "--proxy", proxy.url(null), "--ca-cert", caCert());

      assertThat(direct.exitCode()).as(direct.toString()).isZero();
      assertThat(untrusted.exitCode()).as(untrusted.toString()).isEqualTo(ExitCode.USAGE.code());
      assertThat(untrusted.err())
          .contains("its TLS certificate is signed by no authority this tool trusts")
          .contains("give the proxy's certificate authority as a CA certificate file (--ca-cert)");
      assertThat(tunnelled.exitCode()).as(tunnelled.toString()).isZero();
      SameOutput.assertSame(tmp.resolve("tunnelled"), tmp.resolve("direct"));
      assertThat(proxy.requestLines())
          .isNotEmpty()
          .containsOnly("CONNECT hubspot.test:" + sandbox.baseUrl().getPort());
    }
  }

  /**
   * In a JVM of its own with the variables set, as a user runs it: the JDK reads whether it may
   * send Basic credentials on CONNECT once, when its HTTP client is first used, so this is also the
   * test that the tool clears that switch in time.
   */
  @Test
  void theProxyVariablesCarryAPullWithCredentialsThroughATunnelUnlessNoProxyListsTheHost()
      throws Exception {
    try (Sandbox sandbox = tlsSandbox();
        ForwardProxy proxy = ForwardProxy.requiring("jane", PASSWORD)) {
      Map<String, String> env =
          Map.of("https_proxy", proxy.url("jane:" + PASSWORD), "NO_PROXY", "example.com,.corp");

      Child proxied = pullInAChildProcess(byTestName(sandbox), "proxied", env);

      assertThat(proxied.exitCode).as(proxied.output).isZero();
      assertThat(proxy.requestLines()).isNotEmpty();
      assertThat(proxy.authorizations()).containsOnly(basic("jane", PASSWORD));
      assertThat(sandbox.requests())
          .isNotEmpty()
          .allMatch(request -> request.header("proxy-authorization") == null);
      assertThat(proxied.output).doesNotContain(PASSWORD);

      int seen = proxy.requestLines().size();
      Child bypassed =
          pullInAChildProcess(
              byTestName(sandbox),
              "bypassed",
              Map.of("https_proxy", proxy.url("jane:" + PASSWORD), "NO_PROXY", "test"));

      // straight to hubspot.test, a name no resolver knows: the proxy was not asked
      assertThat(bypassed.exitCode).as(bypassed.output).isEqualTo(ExitCode.UNAVAILABLE.code());
      assertThat(bypassed.output).contains("http: no proxy (hubspot.test is in NO_PROXY)");
      assertThat(proxy.requestLines()).hasSize(seen);
    }
  }

  private record Child(int exitCode, String output) {}

  private Child pullInAChildProcess(URI baseUrl, String out, Map<String, String> env)
      throws Exception {
    List<String> command = Cli.inAChildJvm();
    command.addAll(
        Cli.pullArgs(
            baseUrl,
            TOKEN,
            tmp.resolve(out),
            "--objects",
            OBJECTS,
            "--ca-cert",
            caCert(),
            "--max-retries",
            "0",
            "--verbose"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    for (String name :
        List.of("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY")) {
      builder.environment().remove(name);
    }
    builder.environment().putAll(env);
    Process child = builder.start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Child(child.exitValue(), output);
  }
}
