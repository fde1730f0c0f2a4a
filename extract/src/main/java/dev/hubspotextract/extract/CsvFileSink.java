package dev.hubspotextract.extract;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes an RFC 4180 CSV (UTF-8, CRLF, quotes only where needed) as {@code name.csv.partial} and
 * renames it to {@code name.csv} when complete, so a failed run never leaves a file that looks
 * whole.
 */
public final class CsvFileSink implements RowSink {
  private final Path target;
  private final Path partial;
  private final CsvWriter csv;
  private boolean finished;

  public CsvFileSink(Path target, String... header) throws IOException {
    this.target = target;
    this.partial = target.resolveSibling(target.getFileName() + ".partial");
    this.csv =
        CsvWriter.builder()
            .lineDelimiter(LineDelimiter.CRLF)
            .build(partial, StandardCharsets.UTF_8);
    csv.writeRecord(header);
  }

  @Override
  public void write(String... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (fields[i] == null) {
        fields[i] = "";
      }
    }
    csv.writeRecord(fields);
  }

  @Override
  public void complete() throws IOException {
    csv.close();
    try {
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    }
    finished = true;
  }

  @Override
  public void abandon() {
    if (finished) {
      return;
    }
    finished = true;
    try {
      csv.close();
    } catch (IOException | RuntimeException e) {
      // deleting it next is all that matters
    }
    try {
      Files.deleteIfExists(partial);
      Files.deleteIfExists(target); // a stale file from an earlier run would look like this run's
    } catch (IOException e) {
      // best effort: the manifest records the failure either way
    }
  }

  @Override
  public void close() {
    abandon();
  }
}
