package dev.hubspotextract.extract;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What kind of internal value a property holds, when a reference table names it: an option of an
 * enumeration, an owner id, a pipeline id or a stage id. The one rule that labels (which columns
 * get a label) and property histories (which reference tables a history needs) share.
 */
public enum LabelKind {
  /** An enumeration's option: {@code property_options}, as {@code properties} types it. */
  OPTION(List.of(ReferenceTable.PROPERTIES, ReferenceTable.PROPERTY_OPTIONS), "option values"),
  /** An owner id: {@code owners}. */
  OWNER(List.of(ReferenceTable.OWNERS), "owner ids"),
  /** A pipeline id: {@code pipelines}. */
  PIPELINE(List.of(ReferenceTable.PIPELINES), "pipeline ids"),
  /** A stage id, within its pipeline: {@code pipeline_stages}. */
  STAGE(List.of(ReferenceTable.PIPELINE_STAGES), "stage ids");

  /** HubSpot's owner properties by name, for a property whose definition says nothing of them. */
  private static final Pattern OWNER_NAME = Pattern.compile("hubspot_owner_id|hs_\\w*owner_id");

  private static final String DEALS = "deals";

  private final List<ReferenceTable> tables;
  private final String words;

  LabelKind(List<ReferenceTable> tables, String words) {
    this.tables = tables;
    this.words = words;
  }

  /** The reference tables the values are read with, in {@link ReferenceTable}'s order. */
  public List<ReferenceTable> tables() {
    return tables;
  }

  /** What the values are, in a message: {@code owner ids}. */
  public String words() {
    return words;
  }

  /**
   * The kind of the property {@code property} of {@code object}, from its definition (its {@code
   * type} and {@code referencedObjectType}, either null when not known): the object's stage and
   * pipeline properties (deals' {@code dealstage} and {@code pipeline}, other objects' {@code
   * hs_pipeline_stage} and {@code hs_pipeline}), an owner property ({@code OWNER}, or named like
   * HubSpot's owner properties), another enumeration; empty for any other property.
   */
  public static Optional<LabelKind> of(
      String object, String property, String type, String referencedObjectType) {
    if (property.equals(stageProperty(object))) {
      return Optional.of(STAGE);
    }
    if (property.equals(pipelineProperty(object))) {
      return Optional.of(PIPELINE);
    }
    if ("OWNER".equalsIgnoreCase(referencedObjectType) || OWNER_NAME.matcher(property).matches()) {
      return Optional.of(OWNER);
    }
    return "enumeration".equals(type == null ? null : type.toLowerCase(Locale.ROOT))
        ? Optional.of(OPTION)
        : Optional.empty();
  }

  /** The property holding a record's stage: deals' {@code dealstage}, others' {@code hs_…}. */
  public static String stageProperty(String object) {
    return object.equals(DEALS) ? "dealstage" : "hs_pipeline_stage";
  }

  /** The property holding a record's pipeline: deals' {@code pipeline}, others' {@code hs_…}. */
  public static String pipelineProperty(String object) {
    return object.equals(DEALS) ? "pipeline" : "hs_pipeline";
  }
}
