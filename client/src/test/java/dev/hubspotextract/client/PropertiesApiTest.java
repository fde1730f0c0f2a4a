package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PropertiesApiTest {
  private static final String ONE_PROPERTY =
      "{\"results\":[{\"name\":\"hs_ssn\",\"label\":\"SSN\",\"type\":\"string\","
          + "\"fieldType\":\"text\",\"dataSensitivity\":\"highly_sensitive\"}]}";

  @Test
  void sensitiveAndHighlySensitivePropertiesAreListedWhenAskedForAndTheDefaultStaysAsItWas() {
    ScriptedTransport wire =
        new ScriptedTransport()
            .then(200, ONE_PROPERTY)
            .then(200, ONE_PROPERTY)
            .then(200, ONE_PROPERTY);
    PropertiesApi properties = new PropertiesApi(wire);

    List<PropertyDefinition> highly = properties.list("contacts", DataSensitivity.HIGHLY_SENSITIVE);
    properties.list("contacts", DataSensitivity.SENSITIVE);
    properties.list("contacts");

    assertThat(highly).extracting(PropertyDefinition::name).containsExactly("hs_ssn");
    assertThat(wire.requests)
        .extracting(ApiRequest::pathAndQuery)
        .containsExactly(
            "/crm/v3/properties/contacts?archived=false&dataSensitivity=highly_sensitive",
            "/crm/v3/properties/contacts?archived=false&dataSensitivity=sensitive",
            "/crm/v3/properties/contacts?archived=false");
  }

  @Test
  void everyFieldTheReferenceTablesNeedIsReadWithTheOptionsInHubSpotsOrder() {
    ScriptedTransport wire =
        new ScriptedTransport()
            .then(
                200,
                "{\"results\":[{\"name\":\"dealstage\",\"label\":\"Deal Stage\","
                    + "\"type\":\"enumeration\",\"fieldType\":\"select\",\"groupName\":\"deal\","
                    + "\"description\":\"d\",\"displayOrder\":3,\"calculated\":false,"
                    + "\"externalOptions\":true,\"referencedObjectType\":\"OWNER\","
                    + "\"hasUniqueValue\":\"false\",\"hidden\":\"maybe\",\"hubspotDefined\":true,"
                    + "\"dataSensitivity\":\"non_sensitive\",\"options\":["
                    + "{\"label\":\"B\",\"value\":\"b\",\"displayOrder\":1,\"hidden\":false},"
                    + "{\"label\":\"no value\"},"
                    + "{\"label\":\"A\",\"value\":\"a\",\"displayOrder\":0,\"hidden\":true},"
                    + "{\"label\":\"B again\",\"value\":\"b\"}]}]}");

    PropertyDefinition stage = new PropertiesApi(wire).list("deals").get(0);

    assertThat(stage.groupName()).isEqualTo("deal");
    assertThat(stage.description()).isEqualTo("d");
    assertThat(stage.displayOrder()).isEqualTo(3);
    assertThat(stage.calculated()).isFalse();
    assertThat(stage.externalOptions()).isTrue();
    assertThat(stage.hasUniqueValue()).isFalse(); // "false" as text is HubSpot's false
    assertThat(stage.hidden()).isNull(); // "maybe" is no flag
    assertThat(stage.hubspotDefined()).isTrue();
    assertThat(stage.dataSensitivity()).isEqualTo("non_sensitive");
    assertThat(stage.referencedObjectType()).isEqualTo("OWNER");
    // in HubSpot's order, without the option that has no value, each value once
    assertThat(stage.options())
        .containsExactly(
            new PropertyOption("b", "B", 1, false), new PropertyOption("a", "A", 0, true));
  }
}
