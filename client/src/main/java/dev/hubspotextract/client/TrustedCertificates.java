package dev.hubspotextract.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Certificate authorities trusted on top of the JDK's own, read from a PEM file ({@link
 * Setting#CA_CERT}): a proxy that inspects TLS signs each site's certificate with its own
 * authority, which the JDK does not know.
 */
public final class TrustedCertificates {
  private final List<X509Certificate> authorities;

  private TrustedCertificates(List<X509Certificate> authorities) {
    this.authorities = List.copyOf(authorities);
  }

  /**
   * Reads every certificate in {@code file} (PEM: {@code -----BEGIN CERTIFICATE-----} blocks).
   *
   * @throws HubSpotException of category USAGE when the file is missing, unreadable or holds no
   *     certificate
   */
  public static TrustedCertificates fromPem(Path file) {
    Objects.requireNonNull(file, "file is null");
    if (Files.isDirectory(file)) {
      throw usage(file, "a folder, not a file");
    }
    List<X509Certificate> read = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      factory.generateCertificates(in).forEach(c -> read.add((X509Certificate) c));
    } catch (NoSuchFileException e) {
      throw usage(file, "no such file");
    } catch (IOException e) {
      throw usage(file, "cannot be read (" + e.getMessage() + ")");
    } catch (CertificateException e) {
      throw usage(file, "holds no certificate this tool can read (" + e.getMessage() + ")");
    }
    if (read.isEmpty()) {
      throw usage(file, "holds no certificate");
    }
    return new TrustedCertificates(read);
  }

  public List<X509Certificate> authorities() {
    return authorities;
  }

  /** A TLS context that trusts the JDK's default authorities and these. */
  SSLContext sslContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw cannotSetUp(e);
    }
  }

  /** One trust manager over the JDK's default authorities and these, checked as the JDK checks. */
  X509TrustManager trustManager() {
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int n = 0;
      for (X509Certificate authority : defaultAuthorities()) {
        trusted.setCertificateEntry("default-" + n++, authority);
      }
      for (X509Certificate authority : authorities) {
        trusted.setCertificateEntry("ca-cert-" + n++, authority);
      }
      return x509(trusted);
    } catch (GeneralSecurityException | IOException e) {
      throw cannotSetUp(e);
    }
  }

  private static HubSpotException cannotSetUp(Exception e) {
    return new HubSpotException(
        FailureCategory.INTERNAL,
        UserText.of("cannot set up TLS with the CA certificate file: " + e, Setting.CA_CERT),
        e);
  }

  /** The X.509 trust manager the JDK makes of {@code store} (null: its default authorities). */
  private static X509TrustManager x509(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new KeyStoreException("no X.509 trust manager");
  }

  /** What the JDK trusts by default ({@code cacerts}, or {@code javax.net.ssl.trustStore}). */
  private static X509Certificate[] defaultAuthorities() throws GeneralSecurityException {
    return x509(null).getAcceptedIssuers();
  }

  private static HubSpotException usage(Path file, String problem) {
    return new HubSpotException(
        FailureCategory.USAGE,
        UserText.of(
            "cannot use "
                + file
                + " as the CA certificate file: "
                + problem
                + "; expected a PEM file of one or more -----BEGIN CERTIFICATE----- blocks (your"
                + " proxy's certificate authority)",
            Setting.CA_CERT));
  }
}
