package dev.hubspotextract.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackHostTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.1.2.3",
        "localhost",
        "LocalHost",
        "::1",
        "[::1]",
        "0:0:0:0:0:0:0:1",
        "::ffff:127.0.0.1"
      })
  void loopbackAddressesAreRecognisedFromTheirText(String host) {
    assertThat(LoopbackHost.isLoopback(host)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.0.0.0",
        "::",
        "192.168.1.20",
        "10.0.0.1",
        "128.0.0.1",
        "127.0.0.256",
        "127.1",
        "localhost.example.com",
        "127.0.0.1.nip.io",
        "sandbox.internal",
        "fe80::1"
      })
  void anythingElseCountsAsReachableFromOtherMachines(String host) {
    assertThat(LoopbackHost.isLoopback(host)).isFalse();
  }

  @Test
  void theDefaultPublicTokenIsRefusedOnANonLoopbackHost() {
    assertThatThrownBy(() -> Sandbox.builder().host("0.0.0.0").start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("0.0.0.0 is not a loopback address")
        .hasMessageContaining("token(...)");
  }

  @Test
  void aTokenOfItsOwnServesOnANonLoopbackHost() {
    try (Sandbox sandbox =
        Sandbox.builder().host("0.0.0.0").token("pat-na1-own-secret").records(10).start()) {
      assertThat(new SandboxClient(sandbox).get("/crm/v3/objects/contacts").statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void theDefaultTokenStillServesOnLoopback() {
    try (Sandbox sandbox = Sandbox.builder().host("localhost").records(10).start()) {
      assertThat(sandbox.token()).isEqualTo(SandboxBuilder.DEFAULT_TOKEN);
      assertThat(new SandboxClient(sandbox).get("/crm/v3/objects/contacts").statusCode())
          .isEqualTo(200);
    }
  }
}
