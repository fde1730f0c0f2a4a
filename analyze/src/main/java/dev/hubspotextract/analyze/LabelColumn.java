package dev.hubspotextract.analyze;

import dev.hubspotextract.extract.LabelKind;
import dev.hubspotextract.extract.ReferenceTable;
import java.util.Objects;
import java.util.Optional;

/**
 * One column of an object that {@code --labels} gives a label column beside it.
 *
 * @param column the object's column holding internal values ({@code dealstage})
 * @param labelColumn the label column added right after it ({@code dealstage_label})
 * @param source where its labels come from
 * @param pipelineColumn for a stage column, the object's pipeline column (its stages are looked up
 *     within the record's pipeline); null when the object has none, or for another source
 */
record LabelColumn(String column, String labelColumn, Source source, String pipelineColumn) {
  /** Where a column's labels come from, and the reference table that holds them. */
  enum Source {
    /** An enumeration's options: {@code property_options}. */
    OPTIONS(ReferenceTable.PROPERTY_OPTIONS, "option labels"),
    /** An owner id: the owner's name, from {@code owners}. */
    OWNERS(ReferenceTable.OWNERS, "owner names"),
    /** A pipeline id: {@code pipelines}. */
    PIPELINES(ReferenceTable.PIPELINES, "pipeline labels"),
    /** A stage id, within the record's pipeline: {@code pipeline_stages}. */
    STAGES(ReferenceTable.PIPELINE_STAGES, "stage labels");

    private final ReferenceTable table;
    private final String words;

    Source(ReferenceTable table, String words) {
      this.table = table;
      this.words = words;
    }

    ReferenceTable table() {
      return table;
    }

    /** What the labels are, in a message: {@code owner names}. */
    String words() {
      return words;
    }

    /** Where the labels of a value of this kind come from. */
    static Source of(LabelKind kind) {
      return switch (kind) {
        case OPTION -> OPTIONS;
        case OWNER -> OWNERS;
        case PIPELINE -> PIPELINES;
        case STAGE -> STAGES;
      };
    }

    /**
     * Whether a value may list several, separated by {@code ;} (a multi-select enumeration, an
     * owner property such as {@code hs_all_owner_ids}); a pipeline or a stage is one.
     */
    boolean multiple() {
      return this == OPTIONS || this == OWNERS;
    }
  }

  LabelColumn {
    Objects.requireNonNull(column, "column is null");
    Objects.requireNonNull(labelColumn, "labelColumn is null");
    Objects.requireNonNull(source, "source is null");
  }

  Optional<String> pipeline() {
    return Optional.ofNullable(pipelineColumn);
  }
}
