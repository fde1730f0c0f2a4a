package dev.hubspotextract.connect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Schema names an Avro converter can register, whatever characters a topic name allows. */
class RecordSchemasTest {
  @Test
  void aSchemaIsNamedAsItsTopicWithWhatAvroRefusesReplaced() {
    assertThat(RecordSchemas.schemaName("acme.deals")).isEqualTo("acme.deals");
    assertThat(RecordSchemas.schemaName("crm-eu.deals_contacts"))
        .isEqualTo("crm_eu.deals_contacts");
    assertThat(RecordSchemas.schemaName("portal.123.2-4567")).isEqualTo("portal._123._2_4567");
  }
}
