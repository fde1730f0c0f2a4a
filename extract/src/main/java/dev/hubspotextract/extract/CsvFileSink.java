package dev.hubspotextract.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Writes an RFC 4180 CSV (UTF-8, CRLF, quotes only where needed) as an unfinished file in the
 * tool's private folder ({@link FolderLayout#partialOf}) and renames it to {@code name.csv} when
 * complete, so a failed run never leaves a file that looks whole. The unfinished file is always
 * created new, never through a link, with {@link FileMode}'s permissions. A killed run's unfinished
 * file can be reopened at a checkpoint and continued, once it is shown to hold what the checkpoint
 * vouches for (its length and the checksum of those bytes).
 */
public final class CsvFileSink implements RowSink {
  private final Path target;
  private final Path partial;
  private final CsvEncoder csv;
  private final PrefixChecksum checksum; // of the partial file's bytes up to the last checkpoint
  private final boolean resumed;
  private boolean finished;
  private NumberColumns numbers; // measured as rows are written; null: not measured
  private boolean measuredEveryRow; // whether numbers saw every row of the file
  private int column; // of the next field in the row

  /** Starts a new file (replacing any unfinished one) with its header, if it has one. */
  public CsvFileSink(Path target, FileMode mode, String... header) throws IOException {
    this(target, mode, 0, new PrefixChecksum());
    if (header.length > 0) {
      write(header);
    }
  }

  private CsvFileSink(Path target, FileMode mode, long keepBytes, PrefixChecksum checksum)
      throws IOException {
    this.target = target;
    this.partial = FolderLayout.partialOf(target);
    this.checksum = checksum;
    OutputFolder.privateFolder(target.getParent());
    FileChannel channel;
    if (keepBytes == 0) {
      channel = NewFiles.channel(partial, mode);
    } else {
      channel = FileChannel.open(partial, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      channel.truncate(keepBytes);
      channel.position(keepBytes);
    }
    this.csv = new CsvEncoder(channel);
    this.resumed = keepBytes > 0;
  }

  /**
   * Measures the number columns of every row written from now on (the header, if any, is written
   * already). Rows of a resumed file were written by an earlier run: its measure is incomplete.
   */
  void measure(NumberColumns numbers) {
    this.numbers = numbers;
    this.measuredEveryRow = !resumed;
  }

  /** What {@link #measure} measured, if it saw every row of the file. */
  Optional<NumberColumns> measured() {
    return measuredEveryRow ? Optional.of(numbers) : Optional.empty();
  }

  /**
   * Continues an unfinished file that holds what {@code saved} vouches for: cuts it back to the
   * checkpoint's length (rows written after it are dropped and fetched again) and appends from
   * there. Empty when the file is missing, not a regular file, shorter, or holds other bytes.
   */
  static Optional<CsvFileSink> resume(Path target, Checkpoint saved) throws IOException {
    Optional<PrefixChecksum> intact = intact(FolderLayout.partialOf(target), saved);
    if (intact.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new CsvFileSink(target, FileMode.PRIVATE, saved.bytes(), intact.get()));
  }

  /** Whether {@link #resume} would continue the unfinished file of {@code target}. */
  static boolean canResume(Path target, Checkpoint saved) throws IOException {
    return intact(FolderLayout.partialOf(target), saved).isPresent();
  }

  /**
   * The checksum of the checkpointed bytes of {@code file} when it holds them: a regular file (a
   * link or anything else is started afresh), at least that long, with the same checksum.
   */
  private static Optional<PrefixChecksum> intact(Path file, Checkpoint saved) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) < saved.bytes()) {
      return Optional.empty();
    }
    PrefixChecksum checksum = PrefixChecksum.of(file, saved.bytes());
    return checksum.value() == saved.checksum() ? Optional.of(checksum) : Optional.empty();
  }

  @Override
  public void write(String... fields) {
    for (String field : fields) {
      field(field);
    }
    endRow();
  }

  /** Appends a field to the row being built (null: an empty field); end it with {@link #endRow}. */
  public void field(String value) {
    if (numbers != null) {
      numbers.add(column, value);
    }
    column++;
    try {
      csv.field(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends a field given as UTF-8 bytes to the row being built. */
  public void field(byte[] utf8, int offset, int count) {
    if (numbers != null) {
      numbers.add(column, utf8, offset, count);
    }
    column++;
    try {
      csv.field(utf8, offset, count);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ends the row built with {@link #field}. */
  public void endRow() {
    column = 0;
    try {
      csv.endRow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Appends the bytes {@code [from, to)} of another sink's partial file (whole rows it wrote) after
   * the rows written here.
   */
  void append(CsvFileSink other, long from, long to) throws IOException {
    long whole = other.flush();
    if (numbers != null) {
      if (from == 0 && to == whole && other.measured().isPresent()) {
        numbers.addAll(other.measured().get());
      } else {
        measuredEveryRow = false; // only part of the other file's rows: read back when complete
      }
    }
    try (FileChannel source =
        FileChannel.open(other.partial, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      csv.append(source, from, to - from);
    }
  }

  /**
   * Closes this file and {@code replaced}'s, puts this one in place of the other's unfinished file,
   * and returns a sink that continues it there, as {@link #resume} would, with the checksum of what
   * this one wrote (not read back a second time).
   */
  CsvFileSink moveOver(CsvFileSink replaced) throws IOException {
    long bytes = flush();
    checksumOf(bytes);
    suspend();
    replaced.suspend();
    FileMoves.replace(partial, replaced.partial);
    return new CsvFileSink(replaced.target, FileMode.PRIVATE, bytes, checksum);
  }

  /** How long the file is with every row written so far, flushed or not. */
  long position() throws IOException {
    return csv.position();
  }

  /** Hands every row written so far to the file and returns the file's length. */
  public long flush() throws IOException {
    return csv.flush();
  }

  /**
   * The checksum of the file's first {@code bytes} bytes, for a checkpoint at that length: every
   * row is flushed first, and a later call may not ask for fewer bytes than an earlier one.
   */
  long checksumOf(long bytes) throws IOException {
    csv.flush();
    return checksum.extendTo(partial, bytes);
  }

  /**
   * {@code point} at the file's first {@code bytes} bytes, with their checksum: what a checkpoint
   * there vouches for ({@link #checksumOf}'s rules apply).
   */
  Checkpoint checkpointAt(Checkpoint point, long bytes) throws IOException {
    return point.at(bytes, checksumOf(bytes));
  }

  @Override
  public void complete() throws IOException {
    csv.close();
    FileMoves.replace(partial, target);
    finished = true;
  }

  /** Closes the file and keeps the partial file for a later run to continue. */
  public void suspend() {
    stop(); // the checkpoint says how much of the file is good
  }

  @Override
  public void abandon() {
    if (!stop()) {
      return;
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

  /** Closes the file once, whatever fails on the way; false if the sink was already done. */
  private boolean stop() {
    if (finished) {
      return false;
    }
    finished = true;
    try {
      csv.close();
    } catch (IOException | RuntimeException e) {
      // what happens to the partial file next is what matters
    }
    return true;
  }
}
