package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that accepts connections and never answers a byte: the pull says that it is waiting,
 * gives up when its timeouts say, and names what got no answer (the request, or the TLS handshake)
 * with the time it really took.
 */
class SilentServerTest {
  @TempDir Path tmp;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private ServerSocket server;

  @BeforeEach
  void start() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              try {
                while (true) {
                  accepted.add(server.accept());
                }
              } catch (IOException e) {
                // closed: the test is over
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    for (Socket socket : accepted) {
      socket.close();
    }
  }

  private Cli.Run pull(String scheme, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "pull",
                "--base-url",
                scheme + "://127.0.0.1:" + server.getLocalPort(),
                "--token",
                "pat-na1-silent",
                "--max-retries",
                "0",
                "--out",
                tmp.resolve("out").toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void aRequestWithoutAnswerGetsAStatusLineThenEndsAtTheRequestTimeout() {
    long start = System.nanoTime();
    Cli.Run run = pull("http", "--request-timeout", "2s");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
    assertThat(run.out())
        .as(run.toString())
        .containsPattern(
            "waiting: GET /crm/v3/properties/contacts has had no answer for 1\\.[0-9] s; it gives"
                + " up after 2\\.0 s, the request timeout \\(--request-timeout\\)");
    assertThat(run.err().lines().toList())
        .singleElement()
        .asString()
        .matches(
            "hubspot-extract: GET /crm/v3/properties/contacts got no answer within 2\\.[0-9] s,"
                + " the request timeout \\(--request-timeout\\)");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void httpsToAServerThatNeverSpeaksTlsIsNamedAsTheTlsHandshakeWithTheTimeItTook() {
    Cli.Run run = pull("https", "--connect-timeout", "1s", "--quiet");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
    assertThat(run.err())
        .containsPattern(
            "127\\.0\\.0\\.1:"
                + server.getLocalPort()
                + " accepted the connection, but the TLS handshake got no answer within 1\\.[0-9] s,"
                + " the connect timeout \\(--connect-timeout\\): is it a plain http server\\?")
        .doesNotContain("PT1M", "timed out after");
  }

  @Test
  void timeoutsAreDurationsAsWrittenEverywhereAndOutOfRangeOnesAreUsageErrors() {
    assertThat(pull("http", "--request-timeout", "5x").err())
        .contains("'5x' is not a duration: write e.g. 90s, 30m, 1h or 500ms");
    Cli.Run zero = pull("http", "--connect-timeout", "0s");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("--connect-timeout must be between 100ms and 1h, got 0s");
    assertThat(pull("http", "--request-timeout", "25h").err())
        .contains("--request-timeout must be between 1s and 24h, got 25h");
    assertThat(accepted).isEmpty();
  }

  @Test
  void aBaseUrlWithoutHttpOrHttpsIsAUsageErrorSayingWhatIsExpected() {
    for (String base : List.of("ftp://127.0.0.1:8080", "127.0.0.1:8080")) {
      Cli.Run run = Cli.run("pull", "--base-url", base, "--token", "pat-na1-x", "--dry-run");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.err())
          .contains("--base-url must start with https://")
          .contains("expected e.g. https://api.hubapi.com");
    }
  }
}
