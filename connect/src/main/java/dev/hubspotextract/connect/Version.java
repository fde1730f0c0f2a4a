package dev.hubspotextract.connect;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The connector's version: its jar's, as Maven wrote it into the jar. */
final class Version {
  private static final String POM_PROPERTIES =
      "/META-INF/maven/dev.hubspotextract/hubspot-extract-connect/pom.properties";

  private static final String VERSION = read();

  private Version() {}

  static String get() {
    return VERSION;
  }

  private static String read() {
    String manifest = Version.class.getPackage().getImplementationVersion();
    if (manifest != null) {
      return manifest;
    }
    try (InputStream in = Version.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in != null) {
        Properties pom = new Properties();
        pom.load(in);
        String version = pom.getProperty("version");
        if (version != null && !version.isBlank()) {
          return version;
        }
      }
    } catch (IOException e) {
      // an unreadable jar: no version to say
    }
    return "unknown"; // classes outside a jar (tests)
  }
}
