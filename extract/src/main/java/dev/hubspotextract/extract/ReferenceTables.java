package dev.hubspotextract.extract;

import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.client.MissingScopeException;
import dev.hubspotextract.client.Pipeline;
import dev.hubspotextract.client.PropertyDefinition;
import dev.hubspotextract.client.PropertyOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes a plan's {@link ReferenceTable reference tables}, each a file of its own written whole or
 * not at all ({@link CsvFileSink}: an unfinished file, renamed when complete): the owners (two
 * listings, active and archived), the pipelines and their stages of every pulled object (one
 * request per object; an object without pipelines has none), the properties the plan read and their
 * options (no request). A scope the token lacks skips only its table, or for the pipelines only the
 * object's rows, as does another failure of one object's pipelines (a failure of the run, said so);
 * a failure that dooms the run (a rejected token, the daily limit) stops it as any task's does.
 */
final class ReferenceTables {
  private final Plan plan;

  ReferenceTables(Plan plan) {
    this.plan = Objects.requireNonNull(plan, "plan is null");
  }

  /** The rows of one table, read with a client that counts its calls. */
  @FunctionalInterface
  private interface Rows {
    Read read(HubSpotClient counted);
  }

  /** A table's rows, and the objects whose rows it lacks. */
  private record Read(List<String[]> rows, List<ReferenceResult.LeftOut> leftOut) {
    static Read whole(List<String[]> rows) {
      return new Read(rows, List.of());
    }
  }

  /**
   * Writes every table into {@code dir}, telling {@code listener} of each; returns how each went,
   * in {@link ReferenceTable}'s order.
   */
  List<ReferenceResult> write(
      HubSpotClient client, Path dir, FileMode mode, RunControl control, StatusListener listener) {
    List<ReferenceResult> results = new ArrayList<>();
    results.add(
        table(
            ReferenceTable.OWNERS,
            client,
            dir,
            mode,
            control,
            counted -> Read.whole(ReferenceRows.owners(counted))));
    // the stages come with the pipelines, from the same requests, and lack the same objects
    Map<ObjectType, List<Pipeline>> pipelines = new LinkedHashMap<>();
    List<ReferenceResult.LeftOut> leftOut = new ArrayList<>();
    ReferenceResult read =
        table(
            ReferenceTable.PIPELINES,
            client,
            dir,
            mode,
            control,
            counted ->
                new Read(
                    ReferenceRows.pipelineRows(readPipelines(counted, pipelines, leftOut)),
                    leftOut));
    results.add(read);
    results.add(
        read.completed()
            ? table(
                ReferenceTable.PIPELINE_STAGES,
                client,
                dir,
                mode,
                control,
                counted -> new Read(ReferenceRows.stageRows(pipelines), stagesLeftOut(leftOut)))
            : new ReferenceResult(
                ReferenceTable.PIPELINE_STAGES,
                0,
                0,
                0,
                read.missingScope(),
                read.failure() == null ? null : sameFailure(ReferenceTable.PIPELINE_STAGES, read)));
    results.add(
        table(
            ReferenceTable.PROPERTIES,
            client,
            dir,
            mode,
            control,
            counted -> Read.whole(propertyRows())));
    results.add(
        table(
            ReferenceTable.PROPERTY_OPTIONS,
            client,
            dir,
            mode,
            control,
            counted -> Read.whole(optionRows())));
    for (ReferenceResult result : results) {
      if (result.failure() == null || result.failure().category() != FailureCategory.ABORTED) {
        listener.referenceFinished(result);
      }
    }
    return results;
  }

  /** Reads one table's rows and writes its file; says how it went. */
  private static ReferenceResult table(
      ReferenceTable table,
      HubSpotClient client,
      Path dir,
      FileMode mode,
      RunControl control,
      Rows rows) {
    long start = System.nanoTime();
    LongAdder calls = new LongAdder();
    if (control.fatal() != null) {
      return failed(table, calls, start, aborted(table, control));
    }
    try {
      Read read = rows.read(client.counting(calls));
      try (CsvFileSink sink =
          new CsvFileSink(FolderLayout.of(dir).referenceFile(table), mode, table.header())) {
        read.rows().forEach(sink::write);
        sink.complete();
      }
      return new ReferenceResult(
          table, read.rows().size(), calls.sum(), seconds(start), null, null, read.leftOut());
    } catch (MissingScopeException e) {
      return new ReferenceResult(table, 0, calls.sum(), seconds(start), e.scope(), null);
    } catch (HubSpotException e) {
      if (RunControl.isFatal(e)) {
        control.abort(e);
      }
      return failed(
          table, calls, start, new TaskFailure(table.tableName(), false, e.category(), e.text()));
    } catch (IOException | UncheckedIOException e) {
      ExtractException output =
          new ExtractException(
              FailureCategory.OUTPUT,
              "cannot write "
                  + table.file()
                  + " to the output folder: "
                  + OutputFolder.reason(e instanceof UncheckedIOException u ? u.getCause() : e),
              e);
      control.abort(output);
      return failed(
          table,
          calls,
          start,
          new TaskFailure(table.tableName(), false, FailureCategory.OUTPUT, output.getMessage()));
    } catch (RuntimeException e) {
      return failed(
          table,
          calls,
          start,
          new TaskFailure(
              table.tableName(),
              false,
              FailureCategory.INTERNAL,
              "internal error: " + e + " (please report it)"));
    }
  }

  private static ReferenceResult failed(
      ReferenceTable table, LongAdder calls, long start, TaskFailure failure) {
    return new ReferenceResult(table, 0, calls.sum(), seconds(start), null, failure);
  }

  /** The stages' failure when the pipelines they come with failed. */
  private static TaskFailure sameFailure(ReferenceTable table, ReferenceResult pipelines) {
    TaskFailure failure = pipelines.failure();
    return new TaskFailure(
        table.tableName(),
        false,
        failure.category(),
        failure.text().around("not written: the pipelines failed (", ")"));
  }

  private static TaskFailure aborted(ReferenceTable table, RunControl control) {
    RuntimeException fatal = control.fatal();
    return new TaskFailure(
        table.tableName(),
        false,
        FailureCategory.ABORTED,
        "not finished: the run stopped (" + fatal.getMessage() + ")");
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  // ---- the rows ------------------------------------------------------------------------------

  /**
   * Each pulled object's pipelines, in display order then by id, into {@code into}; an object whose
   * pipelines are refused for a scope, or fail without stopping the run, into {@code leftOut}, so
   * that the others' are written all the same.
   */
  private Map<ObjectType, List<Pipeline>> readPipelines(
      HubSpotClient client,
      Map<ObjectType, List<Pipeline>> into,
      List<ReferenceResult.LeftOut> leftOut) {
    for (PlannedObject object : plan.objects()) {
      ObjectType type = object.type();
      List<Pipeline> pipelines;
      try {
        pipelines = ReferenceRows.pipelines(client, type);
      } catch (MissingScopeException e) {
        leftOut.add(new ReferenceResult.LeftOut(type.name(), e.scope(), null));
        continue;
      } catch (HubSpotException e) {
        if (RunControl.isFatal(e)) {
          throw e; // the run stops: the table with it
        }
        leftOut.add(
            new ReferenceResult.LeftOut(
                type.name(),
                null,
                new TaskFailure(
                    ReferenceTable.PIPELINES.tableName(),
                    false,
                    e.category(),
                    e.text()
                        .around("written without the pipelines of " + type.name() + ": ", ""))));
        continue;
      }
      into.put(type, pipelines);
    }
    return into;
  }

  /** The objects the stages lack: those the pipelines lack, their failures the stages' own. */
  private static List<ReferenceResult.LeftOut> stagesLeftOut(
      List<ReferenceResult.LeftOut> pipelines) {
    List<ReferenceResult.LeftOut> stages = new ArrayList<>();
    for (ReferenceResult.LeftOut left : pipelines) {
      TaskFailure failure = left.failure();
      stages.add(
          new ReferenceResult.LeftOut(
              left.object(),
              left.missingScope(),
              failure == null
                  ? null
                  : new TaskFailure(
                      ReferenceTable.PIPELINE_STAGES.tableName(),
                      false,
                      failure.category(),
                      failure
                          .text()
                          .around(
                              "written without the stages of " + left.object() + ", as ", ""))));
    }
    return stages;
  }

  /** Every property the plan read of each pulled object, in the object's column order. */
  private List<String[]> propertyRows() {
    List<String[]> rows = new ArrayList<>();
    for (PlannedObject object : plan.objects()) {
      for (PropertyDefinition p : object.properties()) {
        rows.add(
            new String[] {
              object.type().name(),
              p.name(),
              p.label(),
              p.type(),
              p.fieldType(),
              p.groupName(),
              p.description(),
              ReferenceRows.text(p.calculated()),
              ReferenceRows.text(p.hubspotDefined()),
              p.dataSensitivity(),
              p.referencedObjectType(),
              ReferenceRows.text(p.externalOptions()),
              ReferenceRows.text(p.hasUniqueValue()),
              ReferenceRows.text(p.hidden()),
              ReferenceRows.text(p.displayOrder())
            });
      }
    }
    return rows;
  }

  /** The options of those properties, each property's in HubSpot's order. */
  private List<String[]> optionRows() {
    List<String[]> rows = new ArrayList<>();
    for (PlannedObject object : plan.objects()) {
      for (PropertyDefinition p : object.properties()) {
        for (PropertyOption o : p.options()) {
          rows.add(
              new String[] {
                object.type().name(),
                p.name(),
                o.value(),
                o.label(),
                ReferenceRows.text(o.displayOrder()),
                ReferenceRows.text(o.hidden())
              });
        }
      }
    }
    return rows;
  }

  // ---- helpers -------------------------------------------------------------------------------

  /**
   * What each table costs in requests, for the plan as people read it, keyed by the table (in
   * {@link ReferenceTable}'s order) rather than matched to it by place.
   */
  static Map<ReferenceTable, String> cost(Plan plan) {
    int objects = plan.objects().size();
    Map<ReferenceTable, String> cost = new EnumMap<>(ReferenceTable.class);
    cost.put(
        ReferenceTable.OWNERS, "2 requests (the active and the archived owners, 500 a request)");
    cost.put(
        ReferenceTable.PIPELINES,
        objects + " request" + (objects == 1 ? "" : "s") + ", one per object");
    cost.put(ReferenceTable.PIPELINE_STAGES, "with the pipelines");
    cost.put(ReferenceTable.PROPERTIES, "no request (read with the plan)");
    cost.put(ReferenceTable.PROPERTY_OPTIONS, "no request (read with the plan)");
    return cost;
  }
}
