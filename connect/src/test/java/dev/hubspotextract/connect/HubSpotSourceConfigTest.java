package dev.hubspotextract.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** The settings as Connect's REST validation shows them: each problem on its key, with the fix. */
class HubSpotSourceConfigTest {
  private static final String TOKEN = "pat-na1-secret-token-value";

  private static Map<String, String> valid() {
    Map<String, String> props = new HashMap<>();
    props.put(HubSpotSourceConfig.ACCESS_TOKEN, TOKEN);
    props.put(HubSpotSourceConfig.TOPIC_PREFIX, "hubspot");
    props.put(HubSpotSourceConfig.READBACK_BOOTSTRAP_SERVERS, "localhost:9092");
    return props;
  }

  private static List<String> errorsOf(Map<String, String> props, String key) {
    Config config = new HubSpotSourceConnector().validate(props);
    return config.configValues().stream()
        .filter(value -> value.name().equals(key))
        .findFirst()
        .orElseThrow()
        .errorMessages();
  }

  private static long errorCount(Map<String, String> props) {
    return new HubSpotSourceConnector()
        .validate(props).configValues().stream()
            .mapToLong(value -> value.errorMessages().size())
            .sum();
  }

  @Test
  void validSettingsHaveNoError() {
    assertThat(errorCount(valid())).isZero();
    HubSpotSourceConfig config = new HubSpotSourceConfig(valid());
    assertThat(config.perTenSeconds()).isEqualTo(100);
    assertThat(config.pollInterval().toMinutes()).isEqualTo(5);
  }

  @Test
  void aMissingTokenIsSaidOnItsKey() {
    Map<String, String> props = valid();
    props.remove(HubSpotSourceConfig.ACCESS_TOKEN);
    assertThat(errorsOf(props, HubSpotSourceConfig.ACCESS_TOKEN))
        .anySatisfy(error -> assertThat(error).contains("Missing required configuration"))
        .anySatisfy(
            error ->
                assertThat(error)
                    .contains(HubSpotSourceConfig.ACCESS_TOKEN)
                    .contains("give the private app's access token (pat-"));
    props.put(HubSpotSourceConfig.ACCESS_TOKEN, " ");
    assertThat(errorsOf(props, HubSpotSourceConfig.ACCESS_TOKEN))
        .singleElement()
        .asString()
        .contains("access token (pat-");
  }

  @Test
  void aTopicPrefixWithCharactersATopicCannotHaveIsRefusedWithTheRule() {
    Map<String, String> props = valid();
    props.put(HubSpotSourceConfig.TOPIC_PREFIX, "my topics!");
    assertThat(errorsOf(props, HubSpotSourceConfig.TOPIC_PREFIX))
        .singleElement()
        .asString()
        .contains("topic.prefix")
        .contains("letters, digits, '.', '_' and '-'");
  }

  @Test
  void intervalsAboveZeroWithoutReadBackServersNameBothWaysOut() {
    Map<String, String> props = valid();
    props.remove(HubSpotSourceConfig.READBACK_BOOTSTRAP_SERVERS);
    assertThat(errorsOf(props, HubSpotSourceConfig.READBACK_BOOTSTRAP_SERVERS))
        .singleElement()
        .asString()
        .contains(HubSpotSourceConfig.VERIFY_INTERVAL_MS)
        .contains(HubSpotSourceConfig.FULL_REREAD_INTERVAL_MS)
        .contains("bootstrap servers")
        .contains("set both intervals to 0");
    assertThatThrownBy(() -> new HubSpotSourceConfig(props))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(HubSpotSourceConfig.READBACK_BOOTSTRAP_SERVERS);

    props.put(HubSpotSourceConfig.VERIFY_INTERVAL_MS, "0");
    props.put(HubSpotSourceConfig.FULL_REREAD_INTERVAL_MS, "0");
    assertThat(errorCount(props)).isZero();
  }

  @Test
  void listsAndChoicesAreCheckedAgainstWhatTheyTake() {
    Map<String, String> props = valid();
    props.put(HubSpotSourceConfig.ASSOCIATIONS, "deals-companies");
    props.put(HubSpotSourceConfig.SENSITIVE, "secret");
    props.put(HubSpotSourceConfig.TIER, "gold");
    props.put(HubSpotSourceConfig.OBJECTS, "contcts");
    props.put(HubSpotSourceConfig.BASE_URL, "http://api.example.com");
    assertThat(errorsOf(props, HubSpotSourceConfig.ASSOCIATIONS))
        .singleElement()
        .asString()
        .contains("from:to");
    assertThat(errorsOf(props, HubSpotSourceConfig.SENSITIVE))
        .singleElement()
        .asString()
        .contains("sensitive, highly_sensitive");
    assertThat(errorsOf(props, HubSpotSourceConfig.TIER))
        .singleElement()
        .asString()
        .contains("professional");
    assertThat(errorsOf(props, HubSpotSourceConfig.OBJECTS))
        .singleElement()
        .asString()
        .contains("did you mean contacts");
    assertThat(errorsOf(props, HubSpotSourceConfig.BASE_URL))
        .singleElement()
        .asString()
        .contains("in clear");
  }

  @Test
  void aBaseUrlThatWouldLogASecretIsRefusedWithoutShowingIt() {
    Map<String, String> props = valid();
    props.put(HubSpotSourceConfig.BASE_URL, "https://user:hunter2@api.example.com");
    assertThat(errorsOf(props, HubSpotSourceConfig.BASE_URL))
        .singleElement()
        .asString()
        .contains("without user:password@")
        .doesNotContain("hunter2");
    props.put(HubSpotSourceConfig.BASE_URL, "https://api.example.com/?hapikey=hunter2");
    assertThat(errorsOf(props, HubSpotSourceConfig.BASE_URL))
        .singleElement()
        .asString()
        .contains("without ?")
        .doesNotContain("hunter2");
  }

  @Test
  void aReadBackWithoutTheConnectorsOwnKeyConverterIsWarnedOf() {
    Map<String, String> props = valid();
    assertThat(HubSpotSourceConfig.keyConverterWarning(props))
        .get()
        .asString()
        .contains("set key.converter");
    props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    assertThat(HubSpotSourceConfig.keyConverterWarning(props)).isEmpty();
    props.remove("key.converter");
    props.put(HubSpotSourceConfig.VERIFY_INTERVAL_MS, "0");
    props.put(HubSpotSourceConfig.FULL_REREAD_INTERVAL_MS, "0");
    assertThat(HubSpotSourceConfig.keyConverterWarning(props)).as("nothing read back").isEmpty();
  }

  @Test
  void theTokenIsAPasswordThatValidationAndTheConfigShowHidden() {
    assertThat(
            HubSpotSourceConfig.CONFIG_DEF.configKeys().get(HubSpotSourceConfig.ACCESS_TOKEN).type)
        .isEqualTo(ConfigDef.Type.PASSWORD);
    Config validated = new HubSpotSourceConnector().validate(valid());
    ConfigValue token =
        validated.configValues().stream()
            .filter(value -> value.name().equals(HubSpotSourceConfig.ACCESS_TOKEN))
            .findFirst()
            .orElseThrow();
    assertThat(String.valueOf(token.value())).isEqualTo("[hidden]");
    assertThat(validated.configValues().toString()).doesNotContain(TOKEN);
    HubSpotSourceConfig config = new HubSpotSourceConfig(valid());
    assertThat(config.values().toString()).doesNotContain(TOKEN);
    assertThat(config.accessToken().value()).isEqualTo(TOKEN);
  }

  @Test
  void oneTaskReadsAPortalWhateverTasksMaxSays() {
    HubSpotSourceConnector connector = new HubSpotSourceConnector();
    connector.start(valid());
    assertThat(connector.taskConfigs(3)).singleElement().isEqualTo(valid());
    assertThat(connector.taskClass()).isEqualTo(HubSpotSourceTask.class);
    assertThat(connector.version()).isNotBlank();
  }
}
