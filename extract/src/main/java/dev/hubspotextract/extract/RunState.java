package dev.hubspotextract.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The resume state of a pull, under {@code out/.hubspot-extract/state/}: {@code run.json} holds the
 * plan's fingerprint (never the token), and one {@code {task}.json} per task its latest {@link
 * Checkpoint}. Each file is written to a temporary name and renamed, so a kill leaves either the
 * old or the new one. A run that finishes deletes the folder. Thread-safe: each task writes its own
 * file.
 */
public final class RunState {
  public static final String DIR = ".hubspot-extract";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;
  private final boolean resumed;

  private RunState(Path dir, boolean resumed) {
    this.dir = dir;
    this.resumed = resumed;
  }

  /** The state folder of an output folder. */
  public static Path folder(Path outDir) {
    return outDir.resolve(DIR).resolve("state");
  }

  /**
   * Opens the state for this plan: continues an earlier run of the same plan, starts afresh where
   * there is none (or {@code restart} says so), and refuses a different plan's unfinished run.
   */
  public static RunState open(Plan plan, boolean restart) {
    Path dir = folder(plan.outDir());
    Path run = dir.resolve("run.json");
    String fingerprint = plan.fingerprint();
    try {
      if (Files.exists(run) && !restart) {
        String saved = String.valueOf(JSON.readValue(run.toFile(), Map.class).get("fingerprint"));
        if (saved.equals(fingerprint)) {
          return new RunState(dir, true);
        }
        throw new ExtractException(
            ExtractException.Kind.USAGE,
            plan.outDir()
                + " holds an unfinished pull of different objects, properties or options. Run that"
                + " command again to finish it, add --restart to discard it and start this one, or"
                + " choose another --out.");
      }
      deleteTree(dir);
      deletePartials(plan.outDir()); // a discarded run's unfinished files
      Files.createDirectories(dir);
      writeAtomically(dir, "run.json", Map.of("fingerprint", fingerprint));
      return new RunState(dir, false);
    } catch (IOException e) {
      throw new ExtractException(
          ExtractException.Kind.OUTPUT,
          "cannot keep the resume state in " + dir + ": " + OutputFolder.reason(e),
          e);
    }
  }

  /** Whether this run continues an earlier one. */
  public boolean resumed() {
    return resumed;
  }

  /** The last checkpoint of a task, if an earlier run saved one. */
  Optional<Checkpoint> load(String task) {
    Path file = dir.resolve(task + ".json");
    try {
      return Optional.of(JSON.readValue(file.toFile(), Checkpoint.class));
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void save(String task, Checkpoint checkpoint) throws IOException {
    writeAtomically(dir, task + ".json", checkpoint);
  }

  void forget(String task) throws IOException {
    Files.deleteIfExists(dir.resolve(task + ".json"));
  }

  /** Deletes the state: the run is over and nothing is left to resume. */
  public void finish() throws IOException {
    deleteTree(dir);
    Path parent = dir.getParent();
    try (Stream<Path> left = Files.list(parent)) {
      if (left.findAny().isEmpty()) {
        Files.delete(parent);
      }
    } catch (NoSuchFileException e) {
      // already gone
    }
  }

  private static void writeAtomically(Path dir, String name, Object value) throws IOException {
    Path target = dir.resolve(name);
    Path temp = dir.resolve(name + ".tmp");
    JSON.writeValue(temp.toFile(), value);
    FileMoves.replace(temp, target);
  }

  private static void deletePartials(Path outDir) throws IOException {
    if (!Files.isDirectory(outDir)) {
      return;
    }
    try (Stream<Path> files = Files.list(outDir)) {
      for (Path file : files.toList()) {
        // every unfinished file a pull writes: name.csv.partial, a search walk's
        // name.csv.top.partial
        if (file.getFileName().toString().endsWith(".partial")) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
