package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JdkTransportTest {
  @Test
  void aBodyThatStallsAfterTheHeadersTimesOutInsteadOfHangingForever() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread stalling =
          new Thread(
              () -> {
                try (Socket socket = server.accept()) {
                  socket.getInputStream().read(new byte[4096]);
                  OutputStream out = socket.getOutputStream();
                  out.write(
                      ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                              + "Content-Length: 1000\r\n\r\n{\"results\":[")
                          .getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                  Thread.sleep(10_000); // the rest of the body never comes
                } catch (IOException | InterruptedException e) {
                  // the test is over
                }
              });
      stalling.setDaemon(true);
      stalling.start();
      JdkTransport transport =
          new JdkTransport(
              URI.create("http://127.0.0.1:" + server.getLocalPort()),
              Duration.ofSeconds(2),
              Duration.ofMillis(300));

      long start = System.nanoTime();
      assertThatThrownBy(() -> transport.send(ApiRequest.get("/crm/v3/objects/contacts")))
          .isInstanceOfSatisfying(
              HubSpotException.class,
              e -> {
                assertThat(e.category()).isEqualTo(FailureCategory.TRANSIENT);
                assertThat(e.settings()).containsExactly(Setting.REQUEST_TIMEOUT);
              })
          .hasMessageContaining("got no answer within 0.")
          .hasMessageEndingWith(", the request timeout");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      stalling.interrupt();
    }
  }

  /** A server that accepts connections and reads, but never answers a byte. */
  private static ServerSocket silentServer(List<Socket> accepted) throws IOException {
    ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
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
    return server;
  }

  @Test
  void aRequestWithoutAnAnswerIsSaidToBeWaitingThenGivesUpAtTheRequestTimeout() throws Exception {
    List<Socket> accepted = new CopyOnWriteArrayList<>();
    List<UserText> waiting = new CopyOnWriteArrayList<>();
    try (ServerSocket server = silentServer(accepted)) {
      JdkTransport transport =
          new JdkTransport(
              URI.create("http://127.0.0.1:" + server.getLocalPort()),
              Duration.ofSeconds(2),
              Duration.ofMillis(1_200),
              JdkTransport.DEFAULT_MAX_BODY_SIZE,
              waiting::add,
              ProxySettings.direct(),
              null);

      assertThatThrownBy(() -> transport.send(ApiRequest.get("/crm/v3/properties/contacts")))
          .isInstanceOfSatisfying(
              HubSpotException.class,
              e -> assertThat(e.category()).isEqualTo(FailureCategory.TRANSIENT))
          .hasMessageMatching(
              "GET /crm/v3/properties/contacts got no answer within 1\\.[0-9] s, the request"
                  + " timeout");
      assertThat(waiting.get(0).settings()).containsExactly(Setting.REQUEST_TIMEOUT);
      assertThat(waiting.get(0).text())
          .matches(
              "waiting: GET /crm/v3/properties/contacts has had no answer for 0\\.[0-9] s; it gives"
                  + " up after 1\\.2 s, the request timeout");
    }
  }

  @Test
  void httpsToAServerThatNeverSpeaksTlsIsNamedSoWithTheTimeItTook() throws Exception {
    List<Socket> accepted = new CopyOnWriteArrayList<>();
    try (ServerSocket server = silentServer(accepted)) {
      JdkTransport transport =
          new JdkTransport(
              URI.create("https://127.0.0.1:" + server.getLocalPort()),
              Duration.ofMillis(800),
              Duration.ofSeconds(60));

      long start = System.nanoTime();
      assertThatThrownBy(() -> transport.send(ApiRequest.get("/crm/v3/properties/contacts")))
          .isInstanceOfSatisfying(
              HubSpotException.class,
              e -> assertThat(e.category()).isEqualTo(FailureCategory.TRANSIENT))
          .hasMessageMatching(
              "127\\.0\\.0\\.1:"
                  + server.getLocalPort()
                  + " accepted the connection, but the TLS handshake got no answer within"
                  + " 0\\.[89] s, the connect timeout: is it a plain http server\\?");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void httpsToAPlainHttpServerIsATlsFailureSaidToBeOne() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread plain =
          new Thread(
              () -> {
                // every connection, not only the first: the client may open another one
                while (!server.isClosed()) {
                  try (Socket socket = server.accept()) {
                    socket.getInputStream().read(new byte[512]);
                    socket
                        .getOutputStream()
                        .write(
                            "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                  } catch (IOException e) {
                    // the test is over, or this connection went away: the next one is answered
                  }
                }
              });
      plain.setDaemon(true);
      plain.start();
      // a first handshake in a busy JVM can take seconds: the answer, not its speed, is tested
      JdkTransport transport =
          new JdkTransport(
              URI.create("https://127.0.0.1:" + server.getLocalPort()),
              Duration.ofSeconds(60),
              Duration.ofSeconds(60));

      assertThatThrownBy(() -> transport.send(ApiRequest.get("/crm/v3/properties/contacts")))
          .hasMessageStartingWith(
              "the TLS handshake with 127.0.0.1:" + server.getLocalPort() + " failed after ")
          .hasMessageEndingWith(
              "(Unrecognized SSL message, plaintext connection?): it answers plain http, not"
                  + " https");
    }
  }

  @Test
  void aClosedPortIsATransientFailureThatNamesTheHost() {
    JdkTransport transport =
        new JdkTransport(
            URI.create("http://127.0.0.1:9"), Duration.ofSeconds(2), Duration.ofSeconds(2));

    assertThatThrownBy(() -> transport.send(ApiRequest.get("/crm/v3/objects/contacts")))
        .isInstanceOfSatisfying(
            HubSpotException.class,
            e -> assertThat(e.category()).isEqualTo(FailureCategory.TRANSIENT))
        .hasMessageContaining("cannot connect to http://127.0.0.1:9");
  }

  /**
   * A hostile HTTP server on 127.0.0.1: answers every request with {@code head}, then writes {@code
   * chunk} again and again until the client goes away (or, when {@code endless} is false, once).
   * Counts the requests and the bytes it managed to write.
   */
  private static final class HostileServer implements AutoCloseable {
    final ServerSocket server;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicLong written = new AtomicLong();
    private final Thread thread;

    HostileServer(String head, byte[] chunk, boolean endless) throws IOException {
      server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
      thread =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try (Socket socket = server.accept()) {
                    socket.getInputStream().read(new byte[8192]);
                    requests.incrementAndGet();
                    OutputStream out = socket.getOutputStream();
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    do {
                      out.write(chunk);
                      written.addAndGet(chunk.length);
                    } while (endless);
                    out.flush();
                    socket.getInputStream().read(); // until the client closes
                  } catch (IOException e) {
                    // the client dropped the connection: what a hostile body should get
                  }
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    static HostileServer endlessChunked() throws IOException {
      byte[] data = new byte[8192];
      Arrays.fill(data, (byte) ' ');
      byte[] chunk = new byte[data.length + 8];
      System.arraycopy("2000\r\n".getBytes(StandardCharsets.US_ASCII), 0, chunk, 0, 6);
      System.arraycopy(data, 0, chunk, 6, data.length);
      chunk[chunk.length - 2] = '\r';
      chunk[chunk.length - 1] = '\n';
      return new HostileServer(
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n",
          chunk,
          true);
    }

    URI baseUrl() {
      return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Whether the writing stops within 10 s, the client having dropped the connection. */
    boolean stopsWriting() throws InterruptedException {
      for (int i = 0; i < 50; i++) {
        long before = written.get();
        TimeUnit.MILLISECONDS.sleep(200);
        if (written.get() == before) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void close() throws IOException {
      server.close();
      thread.interrupt();
    }
  }

  @Test
  void anEndlessBodyFailsItsRequestOnceItPassesTheLimitWithoutReadingOn() throws Exception {
    try (HostileServer hostile = HostileServer.endlessChunked()) {
      JdkTransport transport =
          new JdkTransport(
              hostile.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(10), 1024 * 1024);

      long start = System.nanoTime();
      assertThatThrownBy(() -> transport.send(ApiRequest.get("/crm/v3/objects/contacts?limit=100")))
          .isInstanceOfSatisfying(
              HubSpotException.class,
              e -> assertThat(e.category()).isEqualTo(FailureCategory.EXTERNAL))
          .hasMessage(
              "GET /crm/v3/objects/contacts: the response body passed the limit of 1048576 bytes"
                  + " (1 MiB), and was not read further; raise the body size limit if bodies this"
                  + " large are expected");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(hostile.stopsWriting()).isTrue();
      // what it wrote is the limit plus what the two sockets' buffers took: nothing was read on
      assertThat(hostile.written.get()).isLessThan(32L * 1024 * 1024);
    }
  }

  @Test
  void aBodyAnnouncedLargerThanTheLimitIsRefusedBeforeAByteOfItIsRead() throws Exception {
    byte[] chunk = new byte[8192];
    Arrays.fill(chunk, (byte) ' ');
    try (HostileServer hostile =
        new HostileServer(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Content-Length: 10000000000\r\n\r\n",
            chunk,
            true)) {
      JdkTransport transport =
          new JdkTransport(hostile.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(10));

      long start = System.nanoTime();
      assertThatThrownBy(() -> transport.send(ApiRequest.get("/crm/v3/objects/contacts")))
          .isInstanceOfSatisfying(
              HubSpotException.class,
              e -> assertThat(e.category()).isEqualTo(FailureCategory.EXTERNAL))
          .hasMessage(
              "GET /crm/v3/objects/contacts: the response body announced 10000000000 bytes, more"
                  + " than the limit of 268435456 bytes (256 MiB), and was not read; raise the body"
                  + " size limit if bodies this large are expected");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(hostile.stopsWriting()).isTrue();
      assertThat(hostile.written.get()).isLessThan(32L * 1024 * 1024);
    }
  }

  @Test
  void aBodyOfExactlyTheLimitIsReadWhole() throws Exception {
    String body = "{\"results\":[]}";
    try (HostileServer honest =
        new HostileServer(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length()
                + "\r\n\r\n",
            body.getBytes(StandardCharsets.US_ASCII),
            false)) {
      JdkTransport transport =
          new JdkTransport(
              honest.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(10), body.length());

      ApiResponse response = transport.send(ApiRequest.get("/crm/v3/objects/contacts"));

      assertThat(new String(response.body(), StandardCharsets.US_ASCII)).isEqualTo(body);
    }
  }

  @Test
  void theClientDoesNotRetryABodyPastTheLimitForItWouldComeJustAsLarge() throws Exception {
    try (HostileServer hostile = HostileServer.endlessChunked()) {
      HubSpotClient client =
          HubSpotClient.builder()
              .baseUrl(hostile.baseUrl())
              .token("pat-test")
              .pacer(Pacer.UNLIMITED)
              .maxBodySize(64 * 1024)
              .build();

      assertThatThrownBy(() -> client.properties().list("contacts"))
          .isInstanceOfSatisfying(
              HubSpotException.class,
              e -> {
                assertThat(e.category()).isEqualTo(FailureCategory.EXTERNAL);
                assertThat(e.settings()).containsExactly(Setting.MAX_BODY_SIZE);
              })
          .hasMessageContaining("/crm/v3/properties/contacts")
          .hasMessageContaining("raise the body size limit");
      assertThat(hostile.requests).hasValue(1);
    }
  }
}
