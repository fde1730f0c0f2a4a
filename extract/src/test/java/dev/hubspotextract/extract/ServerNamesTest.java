package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerNamesTest {
  private static final List<String> OBJECTS = List.of("contacts", "deals", "pets");

  @Test
  void aCustomObjectMayNotTakeAReferenceTablesOrAPropertyHistorysNameInAnyCase() {
    for (ReferenceTable table : ReferenceTable.values()) {
      assertThat(ServerNames.isReserved(table.tableName(), OBJECTS)).as(table.name()).isTrue();
      assertThat(
              ServerNames.isReserved(table.tableName().toUpperCase(java.util.Locale.ROOT), OBJECTS))
          .isTrue();
    }
    assertThat(ServerNames.isReserved("deals_property_history", OBJECTS)).isTrue();
    assertThat(ServerNames.isReserved("Pets_Property_History", OBJECTS)).isTrue();
    assertThat(ServerNames.isReserved("property_history", OBJECTS)).isTrue();
    // names that only look alike stay free
    assertThat(ServerNames.isReserved("owner", OBJECTS)).isFalse();
    assertThat(ServerNames.isReserved("property_history_notes", OBJECTS)).isFalse();
    assertThat(ServerNames.isReserved("pets", OBJECTS)).isFalse();
  }
}
