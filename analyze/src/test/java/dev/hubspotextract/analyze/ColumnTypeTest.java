package dev.hubspotextract.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.extract.Manifest;
import dev.hubspotextract.extract.ReferenceTable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The SQL type of a column from what the manifest says of it. */
class ColumnTypeTest {
  private static ColumnType of(Manifest.Column column) {
    Integer decimals = column.decimals();
    return ColumnType.ofHubSpotType(
        column.type(),
        column.sqlType(),
        decimals == null ? OptionalInt.empty() : OptionalInt.of(decimals));
  }

  @Test
  void theReferenceTablesWholeNumbersAreTheTypeTheEngineDeclaresThoughItGivesDecimalsToo() {
    Map<String, String> owners = new LinkedHashMap<>();
    for (Manifest.Column column : ReferenceTable.OWNERS.columns()) {
      owners.put(column.name(), of(column).sqlType());
    }
    Map<String, String> stages = new LinkedHashMap<>();
    for (Manifest.Column column : ReferenceTable.PIPELINE_STAGES.columns()) {
      stages.put(column.name(), of(column).sqlType());
    }

    assertThat(ReferenceTable.OWNERS.columns().get(0).decimals()).isZero();
    assertThat(owners)
        .containsEntry("id", "BIGINT")
        .containsEntry("userId", "BIGINT")
        .containsEntry("userIdIncludingInactive", "BIGINT")
        .containsEntry("archived", "BOOLEAN")
        .containsEntry("createdAt", "TIMESTAMPTZ")
        .containsEntry("email", "VARCHAR");
    assertThat(stages)
        .containsEntry("displayOrder", "INTEGER")
        .containsEntry("probability", "DOUBLE")
        .containsEntry("pipelineId", "VARCHAR")
        .containsEntry("id", "VARCHAR");
  }

  @Test
  void aMeasuredNumberIsItsDecimalAndAWholeNumberTypeWithDecimalsIsNotBelieved() {
    assertThat(ColumnType.ofHubSpotType("number", null, OptionalInt.of(2)).sqlType())
        .isEqualTo("DECIMAL(38,2)");
    assertThat(ColumnType.ofHubSpotType("number", "DECIMAL(38,0)", OptionalInt.of(0)).sqlType())
        .isEqualTo("DECIMAL(38,0)");
    // values with decimals are not whole, whatever sqlType says
    assertThat(ColumnType.ofHubSpotType("number", "BIGINT", OptionalInt.of(2)).sqlType())
        .isEqualTo("DECIMAL(38,2)");
    assertThat(ColumnType.ofHubSpotType("number", "integer", OptionalInt.empty()).sqlType())
        .isEqualTo("INTEGER");
    assertThat(ColumnType.ofHubSpotType("number", null, OptionalInt.empty()).sqlType())
        .isEqualTo("DOUBLE");
  }

  @Test
  void anyOtherSqlTypeIsNotReadTheManifestDoesNotWriteSql() {
    assertThat(
            ColumnType.ofHubSpotType("number", "VARCHAR); DROP TABLE x; --", OptionalInt.empty())
                .sqlType())
        .isEqualTo("DOUBLE");
    assertThat(ColumnType.ofHubSpotType("string", "BIGINT", OptionalInt.empty()).sqlType())
        .isEqualTo("VARCHAR");
  }
}
