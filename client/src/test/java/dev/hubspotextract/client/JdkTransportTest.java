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
              e -> assertThat(e.category()).isEqualTo(HubSpotException.Category.TRANSIENT))
          .hasMessageContaining("timed out");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      stalling.interrupt();
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
            e -> assertThat(e.category()).isEqualTo(HubSpotException.Category.TRANSIENT))
        .hasMessageContaining("cannot connect to http://127.0.0.1:9");
  }
}
