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
}
