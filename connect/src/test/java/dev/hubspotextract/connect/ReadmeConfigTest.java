package dev.hubspotextract.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.runtime.SourceConnectorConfig;
import org.junit.jupiter.api.Test;

/**
 * The README's connector configurations (its JSON and .properties blocks that name {@code
 * connector.class}) hold only keys the connector declares or Connect itself takes, and pass the
 * connector's validation: a renamed key or a value the connector refuses shows here, read from
 * README.md itself.
 */
class ReadmeConfigTest {
  private static final Path README = Path.of("..", "README.md");

  /** Connect's keys that take a suffix of their own: a topic creation group's, a converter's. */
  private static final List<String> CONNECT_PREFIXES =
      List.of(
          "topic.creation.",
          "key.converter.",
          "value.converter.",
          "header.converter.",
          "transforms.",
          "predicates.");

  private static final Pattern FENCE = Pattern.compile("(?ms)^```(json|properties)\\n(.*?)^```");
  private static final Pattern JSON_ENTRY = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\"([^\"]*)\"");

  @Test
  void theReadmesConnectorConfigsHoldKnownKeysAndValidate() throws IOException {
    List<Map<String, String>> configs = connectorConfigs(Files.readString(README));
    assertThat(configs)
        .as("the README shows a connector's config as JSON and as .properties")
        .hasSizeGreaterThanOrEqualTo(2);
    Set<String> declared = new TreeSet<>(HubSpotSourceConfig.CONFIG_DEF.names());
    declared.addAll(SourceConnectorConfig.configDef().names());
    for (Map<String, String> config : configs) {
      for (String key : config.keySet()) {
        assertThat(
                declared.contains(key)
                    || key.startsWith(HubSpotSourceConfig.READBACK_CONSUMER_PREFIX)
                    || CONNECT_PREFIXES.stream().anyMatch(key::startsWith))
            .as("README key %s: neither the connector's nor Connect's", key)
            .isTrue();
      }
      List<String> errors = new ArrayList<>();
      for (ConfigValue value : new HubSpotSourceConnector().validate(config).configValues()) {
        value.errorMessages().forEach(error -> errors.add(value.name() + ": " + error));
      }
      assertThat(errors).as("the README's config %s", config.keySet()).isEmpty();
      new HubSpotSourceConfig(config);
    }
  }

  /** Each fenced JSON or .properties block that names connector.class, as a map. */
  private static List<Map<String, String>> connectorConfigs(String readme) throws IOException {
    List<Map<String, String>> configs = new ArrayList<>();
    Matcher block = FENCE.matcher(readme);
    while (block.find()) {
      String text = block.group(2);
      if (!text.contains("connector.class")) {
        continue;
      }
      Map<String, String> config = new LinkedHashMap<>();
      if (block.group(1).equals("json")) {
        Matcher entry = JSON_ENTRY.matcher(text);
        while (entry.find()) {
          config.put(entry.group(1), entry.group(2));
        }
      } else {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        properties.stringPropertyNames().forEach(k -> config.put(k, properties.getProperty(k)));
      }
      configs.add(config);
    }
    return configs;
  }
}
