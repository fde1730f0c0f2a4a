package dev.hubspotextract.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.Setting;
import dev.hubspotextract.client.UserText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The resume state of a pull, under {@code out/.hubspot-extract/state/} (in the tool's private
 * folder, see {@link FolderLayout}): {@code run.json} holds the plan's fingerprint (never the
 * token), {@code earlier-pull.json} the files of the pull this one replaces ({@link EarlierPull}),
 * and one {@code {task}.json} per task its latest {@link Checkpoint}. Each file is written to a
 * temporary name and renamed, so a kill leaves either the old or the new one. A run that finishes
 * deletes the folder. Thread-safe: each task writes its own file.
 */
public final class RunState {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path outDir;
  private final FolderLayout layout;
  private final boolean resumed;
  private final FileMode fileMode;
  private final Consumer<String> warnings;

  private RunState(Path outDir, boolean resumed, FileMode fileMode, Consumer<String> warnings) {
    this.outDir = outDir;
    this.layout = FolderLayout.of(outDir);
    this.resumed = resumed;
    this.fileMode = fileMode;
    this.warnings = warnings;
  }

  /** How the files of this run are protected. */
  public FileMode fileMode() {
    return fileMode;
  }

  /**
   * Opens the state for this plan: continues an earlier run of the same plan, starts afresh where
   * there is none (or {@code restart} says so), and refuses a different plan's unfinished run.
   */
  public static RunState open(Plan plan, boolean restart, FileMode fileMode) {
    return open(plan, restart, fileMode, warning -> {});
  }

  /** The same, saying on {@code warnings} which unfinished file had to be started over. */
  public static RunState open(
      Plan plan, boolean restart, FileMode fileMode, Consumer<String> warnings) {
    OutputFolder.privateFolder(plan.outDir());
    FolderLayout layout = FolderLayout.of(plan.outDir());
    Path dir = layout.stateFolder();
    Path run = layout.runFile();
    String fingerprint = plan.fingerprint();
    try {
      if (Files.exists(run) && !restart) {
        String saved = String.valueOf(JSON.readValue(run.toFile(), Map.class).get("fingerprint"));
        if (saved.equals(fingerprint)) {
          return new RunState(plan.outDir(), true, fileMode, warnings);
        }
        throw new ExtractException(
            FailureCategory.USAGE,
            UserText.of(
                plan.outDir()
                    + " holds an unfinished pull of different objects, properties or options. Run"
                    + " that command again to finish it, start over to discard it and start this"
                    + " one, or choose another output folder.",
                Setting.RESTART,
                Setting.OUTPUT_FOLDER));
      }
      // the discarded run's manifest may list fewer files than the pull it was replacing
      Set<String> earlier = new TreeSet<>(readReplaced(layout));
      earlier.addAll(EarlierPull.filesListedIn(plan.outDir()));
      FileMoves.deleteTree(dir);
      deleteContents(layout.unfinishedFolder()); // a discarded run's files
      Files.createDirectories(dir, FileMode.PRIVATE.newFolder());
      // before run.json says it is there
      writeAtomically(layout.earlierPullFile(), Map.of("files", earlier));
      writeAtomically(run, Map.of("fingerprint", fingerprint));
      return new RunState(plan.outDir(), false, fileMode, warnings);
    } catch (IOException e) {
      throw new ExtractException(
          FailureCategory.OUTPUT,
          "cannot keep the resume state in " + dir + ": " + OutputFolder.reason(e),
          e);
    }
  }

  /**
   * The files of the pull this one replaces that it did not write again ({@code written}, as they
   * are named once the run is over): the ones to delete once it is complete.
   */
  public List<String> replacedFilesNotWrittenAgain(Collection<String> written) {
    try {
      return EarlierPull.notWrittenAgain(outDir, readReplaced(layout), written);
    } catch (IOException e) {
      throw new ExtractException(
          FailureCategory.OUTPUT,
          UserText.of(
              "cannot read "
                  + layout.earlierPullFile()
                  + ": "
                  + OutputFolder.reason(e)
                  + ". Run the same command again, or start over.",
              Setting.RESTART),
          e);
    }
  }

  private static List<String> readReplaced(FolderLayout layout) throws IOException {
    Path file = layout.earlierPullFile();
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return List.of(); // none replaced, or a state of a version that did not keep them
    }
    List<String> files = new ArrayList<>();
    JSON.readTree(file.toFile()).path("files").forEach(name -> files.add(name.asText()));
    return files;
  }

  /** Whether this run continues an earlier one. */
  public boolean resumed() {
    return resumed;
  }

  /** The last checkpoint of a task, if an earlier run saved one. */
  Optional<Checkpoint> load(String task) {
    Path file = layout.checkpointFile(task);
    try {
      return Optional.of(JSON.readValue(file.toFile(), Checkpoint.class));
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The checkpoints of every task whose name starts with {@code prefix}, by task. */
  Map<String, Checkpoint> loadPrefixed(String prefix) {
    Map<String, Checkpoint> found = new TreeMap<>();
    try (Stream<Path> files = Files.list(layout.stateFolder())) {
      for (Path file : files.toList()) {
        FolderLayout.taskOfCheckpoint(file.getFileName().toString())
            .filter(task -> task.startsWith(prefix))
            .ifPresent(task -> load(task).ifPresent(checkpoint -> found.put(task, checkpoint)));
      }
    } catch (NoSuchFileException e) {
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  void save(String task, Checkpoint checkpoint) throws IOException {
    writeAtomically(layout.checkpointFile(task), checkpoint);
  }

  /**
   * Says that a task's file did not hold what its checkpoint vouches for, so its rows are fetched
   * again rather than continued: a file damaged, or written by another program, since.
   */
  void startedOver(Path file) {
    warnings.accept(
        "warning: "
            + file
            + " does not hold what its checkpoint says (missing, cut short or changed since the"
            + " last run): its rows are fetched again from the start");
  }

  void forget(String task) throws IOException {
    Files.deleteIfExists(layout.checkpointFile(task));
  }

  /** Deletes the state: the run is over and nothing is left to resume. */
  public void finish() throws IOException {
    FileMoves.deleteTree(layout.stateFolder());
    OutputFolder.removePrivateFolderIfEmpty(outDir);
  }

  /** Written new (never through a link), owner-only, then renamed over the last one. */
  private static void writeAtomically(Path target, Object value) throws IOException {
    Path temp = FolderLayout.replacementOf(target);
    try (OutputStream out = NewFiles.stream(temp, FileMode.PRIVATE)) {
      JSON.writeValue(out, value);
    }
    FileMoves.replace(temp, target);
  }

  private static void deleteContents(Path folder) throws IOException {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        FileMoves.deleteTree(file);
      }
    }
  }
}
