package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedCertificatesTest {
  @TempDir Path tmp;

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(TrustedCertificatesTest.class.getResource("/tls/" + name).toURI());
  }

  @Test
  void readsEveryCertificateOfAPemFile() throws Exception {
    assertThat(TrustedCertificates.fromPem(resource("sandbox-ca.pem")).authorities())
        .extracting(c -> c.getSubjectX500Principal().getName())
        .containsExactly("CN=hubspot-extract test sandbox");
    assertThat(TrustedCertificates.fromPem(resource("two-cas.pem")).authorities())
        .extracting(c -> c.getSubjectX500Principal().getName())
        .containsExactly("CN=hubspot-extract test sandbox", "CN=hubspot-extract other test CA");
  }

  @Test
  void theFilesAuthoritiesAreTrustedOnTopOfTheJdksOwn() throws Exception {
    TrustedCertificates file = TrustedCertificates.fromPem(resource("two-cas.pem"));
    X509Certificate sandbox = file.authorities().get(0);
    X509TrustManager jdk = jdkTrustManager();
    List<X509Certificate> defaults = Arrays.asList(jdk.getAcceptedIssuers());
    assertThat(defaults).isNotEmpty();

    X509TrustManager trust = file.trustManager();

    assertThat(trust.getAcceptedIssuers())
        .hasSize(defaults.size() + 2)
        .containsAll(defaults)
        .containsAll(file.authorities());
    X509Certificate[] chain = {sandbox};
    assertThatThrownBy(() -> jdk.checkServerTrusted(chain, "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class);
    trust.checkServerTrusted(chain, "ECDHE_ECDSA");
    assertThat(file.sslContext().getProtocol()).isEqualTo("TLS");
  }

  private static X509TrustManager jdkTrustManager() throws Exception {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    return (X509TrustManager) factory.getTrustManagers()[0];
  }

  @Test
  void aMissingUnreadableOrNonPemFileIsAUsageErrorNamingIt() throws Exception {
    Path missing = tmp.resolve("missing.pem");
    assertUsage(missing, "cannot use " + missing + " as the CA certificate file: no such file");
    Path text = Files.writeString(tmp.resolve("notes.pem"), "not a certificate\n");
    assertUsage(text, "cannot use " + text + " as the CA certificate file: holds no certificate");
    Path empty = Files.writeString(tmp.resolve("empty.pem"), "");
    assertUsage(empty, "cannot use " + empty + " as the CA certificate file: holds no certificate");
    assertUsage(tmp, "cannot use " + tmp + " as the CA certificate file: a folder, not a file");
  }

  private static void assertUsage(Path file, String message) {
    assertThatThrownBy(() -> TrustedCertificates.fromPem(file))
        .isInstanceOfSatisfying(
            HubSpotException.class,
            e -> {
              assertThat(e.category()).isEqualTo(FailureCategory.USAGE);
              assertThat(e.settings()).containsExactly(Setting.CA_CERT);
            })
        .hasMessageStartingWith(message)
        .hasMessageContaining("expected a PEM file");
  }
}
