package dev.hubspotextract.cli;

import dev.hubspotextract.extract.Manifest;
import dev.hubspotextract.extract.ReferenceResult;
import dev.hubspotextract.extract.SyncResult;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The status lines of a sync: one per object, association file and property history, and a total.
 */
final class SyncLines {
  private SyncLines() {}

  /**
   * @param summaryOnly the total line alone, as a sync on a schedule prints each time
   */
  static void print(
      boolean summaryOnly, PrintWriter out, SyncResult result, long planRequests, double seconds) {
    PrintWriter lines = summaryOnly ? new PrintWriter(java.io.Writer.nullWriter()) : out;
    long updated = 0;
    long added = 0;
    long archived = 0;
    long deleted = 0;
    for (SyncResult.ObjectLine line : result.objects()) {
      Manifest.SyncCounts counts = line.counts();
      if (line.dropped()) {
        lines.println(line.name() + ": dropped, no longer among the objects asked for");
      } else if (counts == null) {
        lines.println(line.name() + ": failed, kept as the last sync left it (stale)");
      } else if (counts.pulledWhole() != null) {
        lines.println(
            line.name()
                + ": pulled whole, as "
                + counts.pulledWhole()
                + ": "
                + n(counts.added())
                + " records, "
                + n(counts.requests())
                + " requests");
      } else {
        updated += counts.updated();
        added += counts.added();
        archived += counts.archived();
        deleted += counts.deleted();
        lines.println(
            line.name()
                + ": "
                + n(counts.updated())
                + " updated, "
                + n(counts.added())
                + " new, "
                + n(counts.archived())
                + " archived"
                + (counts.deleted() > 0 ? ", " + n(counts.deleted()) + " deleted" : "")
                + ", "
                + n(counts.requests())
                + " requests");
      }
    }
    // association files and property histories are both rows merged by record id: alike lines
    for (SyncResult.PairLine file :
        Stream.concat(result.pairs().stream(), result.histories().stream()).toList()) {
      lines.println(
          file.name()
              + ": "
              + n(file.rows())
              + " rows"
              + (file.whole() ? " (read whole)" : "")
              + ", "
              + n(file.requests())
              + " requests");
    }
    for (ReferenceResult reference : result.references()) {
      boolean stale =
          result.manifest().references().stream()
              .anyMatch(entry -> entry.tableName().equals(reference.name()) && entry.isStale());
      lines.println(
          stale
              ? reference.name()
                  + ": failed, kept as the last sync left it (stale): "
                  + reference.failures().stream()
                      .map(failure -> Flags.show(failure.text()))
                      .collect(Collectors.joining("; "))
              : StatusPrinter.referenceLine(reference));
    }
    out.println(
        String.format(
            Locale.ROOT,
            (summaryOnly ? Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " : "")
                + "synced %d objects and %d association files in %.1f s: %s updated, %s new, %s"
                + " archived, %s deleted, %s requests",
            result.objects().stream().filter(o -> o.counts() != null).count(),
            result.pairs().size(),
            seconds,
            n(updated),
            n(added),
            n(archived),
            n(deleted),
            n(result.totalRequests() + planRequests)));
    out.flush();
  }

  private static String n(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
