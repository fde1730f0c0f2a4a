package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {
  private static final URI HUBSPOT = URI.create("https://api.hubapi.com");
  private static final URI PLAIN = URI.create("http://crm.example.com:8080");

  private static ProxySettings choose(Map<String, String> env, URI base) {
    return ProxySettings.choose(null, "--proxy", env, base);
  }

  @Test
  void anHttpsBaseUrlTakesHttpsProxyAndAnHttpOneHttpProxy() {
    Map<String, String> env =
        Map.of("HTTPS_PROXY", "http://secure.proxy:3128", "HTTP_PROXY", "http://plain.proxy:8080");

    assertThat(choose(env, HUBSPOT).host()).isEqualTo("secure.proxy");
    assertThat(choose(env, HUBSPOT).port()).isEqualTo(3128);
    assertThat(choose(env, PLAIN).host()).isEqualTo("plain.proxy");
    assertThat(choose(Map.of("HTTP_PROXY", "http://plain.proxy:8080"), HUBSPOT).isDirect())
        .isTrue();
  }

  @Test
  void theLowerCaseVariableWinsAsInCurlAndAnEmptyOneCountsAsUnset() {
    assertThat(
            choose(
                    Map.of("https_proxy", "http://lower:1", "HTTPS_PROXY", "http://upper:2"),
                    HUBSPOT)
                .host())
        .isEqualTo("lower");
    assertThat(choose(Map.of("https_proxy", " ", "HTTPS_PROXY", "http://upper:2"), HUBSPOT).host())
        .isEqualTo("upper");
  }

  @Test
  void aVariableMayLeaveOutTheSchemeAndThePort() {
    ProxySettings proxy = choose(Map.of("https_proxy", "proxy.corp"), HUBSPOT);

    assertThat(proxy.host()).isEqualTo("proxy.corp");
    assertThat(proxy.port()).isEqualTo(ProxySettings.DEFAULT_PORT);
  }

  @Test
  void noProxyListsHostsDomainsPortsAndEverything() {
    String proxy = "http://proxy:3128";
    assertThat(bypassed("hubapi.com", proxy)).isTrue();
    assertThat(bypassed(".hubapi.com", proxy)).isTrue();
    assertThat(bypassed("other.com, api.hubapi.com", proxy)).isTrue();
    assertThat(bypassed("API.HUBAPI.COM:443", proxy)).isTrue();
    assertThat(bypassed("*", proxy)).isTrue();
    assertThat(bypassed("api.hubapi.com:8443", proxy)).isFalse();
    assertThat(bypassed("pihubapi.com", proxy)).isFalse();
    assertThat(bypassed("hubapi.co", proxy)).isFalse();
    assertThat(bypassed("", proxy)).isFalse();
    // the lower-case variable wins here too
    assertThat(
            choose(
                    Map.of("https_proxy", proxy, "no_proxy", "other.com", "NO_PROXY", "hubapi.com"),
                    HUBSPOT)
                .isDirect())
        .isFalse();
  }

  private static boolean bypassed(String noProxy, String proxy) {
    return choose(Map.of("HTTPS_PROXY", proxy, "NO_PROXY", noProxy), HUBSPOT).isDirect();
  }

  @Test
  void addressesInNoProxyMatchOnlyThemselves() {
    assertThat(NoProxy.lists("10.0.0.7", "10.0.0.7", 443)).isTrue();
    assertThat(NoProxy.lists("0.0.7", "10.0.0.7", 443)).isFalse();
    assertThat(NoProxy.lists("[fd00::7]", "[fd00::7]", 443)).isTrue();
    assertThat(NoProxy.lists("fd00::7", "[fd00::7]", 443)).isTrue();
    assertThat(NoProxy.lists("[fd00::7]:8443", "[fd00::7]", 443)).isFalse();
    assertThat(NoProxy.lists("[fd00::7]:443", "[fd00::7]", 443)).isTrue();
  }

  @Test
  void aBaseUrlOnThisMachineNeverGoesThroughAVariablesProxy() {
    Map<String, String> env = Map.of("http_proxy", "http://proxy:3128");

    for (String base : new String[] {"http://127.0.0.1:8080", "http://localhost", "http://[::1]"}) {
      ProxySettings proxy = choose(env, URI.create(base));
      assertThat(proxy.isDirect()).as(base).isTrue();
      assertThat(proxy.toString()).contains("on this machine");
    }
  }

  @Test
  void theFlagOverridesTheEnvironmentNoProxyIncludedAndNoneTurnsEveryProxyOff() {
    Map<String, String> env =
        Map.of("HTTPS_PROXY", "http://env:1", "NO_PROXY", "*", "HTTP_PROXY", "http://env:2");

    assertThat(ProxySettings.choose("http://flag:3", "--proxy", env, HUBSPOT).host())
        .isEqualTo("flag");
    assertThat(
            ProxySettings.choose("http://flag:3", "--proxy", env, URI.create("http://127.0.0.1:1"))
                .host())
        .isEqualTo("flag");
    assertThat(ProxySettings.choose("none", "--proxy", env, HUBSPOT).isDirect()).isTrue();
    assertThat(ProxySettings.choose("none", "--proxy", env, HUBSPOT).toString())
        .isEqualTo("no proxy (--proxy none)");
  }

  @Test
  void credentialsGoToTheProxyAsBasicAndAreNeverShown() {
    ProxySettings proxy =
        ProxySettings.choose(
            "http://jane%40corp:s3cr%3At@proxy:3128", "--proxy", Map.of(), HUBSPOT);

    assertThat(proxy.proxyAuthorization())
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("jane@corp:s3cr:t".getBytes(StandardCharsets.UTF_8)));
    assertThat(proxy.toString())
        .isEqualTo("proxy http://jane@corp:***@proxy:3128 (from --proxy)")
        .doesNotContain("s3cr");
    assertThat(
            ProxySettings.choose("http://proxy:3128", "--proxy", Map.of(), HUBSPOT)
                .proxyAuthorization())
        .isNull();
  }

  @Test
  void aBadFlagIsAUsageErrorNamingItWithoutItsPassword() {
    assertUsage("proxy.corp:3128", "--proxy proxy.corp:3128: no scheme; expected http://");
    assertUsage("socks5://proxy:1080", "only http:// proxies are supported, not socks5://");
    assertUsage("https://proxy:443", "give the proxy as http://");
    assertUsage("http://proxy:3128/path", "a proxy URL has no path or query");
    assertUsage("http://", "--proxy http://: not a URL");
    assertUsage("http://proxy_1:3128", "no host name");
    assertUsage("http://pro xy:3128", "--proxy http://pro xy:3128: not a URL");
    assertUsage("socks5://jane:s3cret@proxy:1080", "--proxy socks5://jane:***@proxy:1080");
    assertUsage("jane:s3cret@proxy:1080", "--proxy jane:***@proxy:1080: no scheme");
    assertUsage("http://jane:s3 cret@proxy:1080", "--proxy http://jane:***@proxy:1080");
  }

  private static void assertUsage(String flag, String message) {
    assertThatThrownBy(() -> ProxySettings.choose(flag, "--proxy", Map.of(), HUBSPOT))
        .isInstanceOfSatisfying(
            HubSpotException.class,
            e -> {
              assertThat(e.category()).isEqualTo(FailureCategory.USAGE);
              assertThat(e.getCause()).isNull();
            })
        .hasMessageContaining(message)
        .hasMessageNotContaining("s3cret")
        .hasMessageNotContaining("s3 cret");
  }

  @Test
  void aBadVariableIsAUsageErrorNamingTheVariableAndTheWayOut() {
    assertThatThrownBy(
            () -> choose(Map.of("HTTPS_PROXY", "socks5h://jane:s3cret@proxy:1080"), HUBSPOT))
        .hasMessageStartingWith("HTTPS_PROXY=socks5h://jane:***@proxy:1080: only http://")
        .hasMessageContaining("correct or unset HTTPS_PROXY, or pass --proxy URL or --proxy none")
        .hasMessageNotContaining("s3cret");
    // a variable that does not apply is not read at all
    assertThat(choose(Map.of("HTTP_PROXY", "socks5://proxy:1080"), HUBSPOT).isDirect()).isTrue();
  }

  @Test
  void theProxyGivenIsNamedAsTheFrontEndNamesIt() {
    assertThatThrownBy(
            () -> ProxySettings.choose("socks5://proxy:1080", "proxy.url", Map.of(), HUBSPOT))
        .hasMessageStartingWith("proxy.url socks5://proxy:1080: only http://")
        .hasMessageNotContaining("--proxy");
    assertThatThrownBy(
            () ->
                ProxySettings.choose(
                    null, "proxy.url", Map.of("HTTPS_PROXY", "socks5://proxy:1080"), HUBSPOT))
        .hasMessageEndingWith("or pass proxy.url URL or proxy.url none");
    assertThat(ProxySettings.choose("http://proxy:3128", "proxy.url", Map.of(), HUBSPOT).toString())
        .isEqualTo("proxy http://proxy:3128 (from proxy.url)");
  }
}
