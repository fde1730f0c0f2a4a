package dev.hubspotextract.extract;

import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Brings a pulled folder up to date: each object whose columns are the ones pulled is synced from
 * its mark ({@link ObjectSync}), each other one (new, its properties changed, no mark) is pulled
 * whole, each association file has the links of the records changed on either side replaced ({@link
 * PairRows}), or is read whole, and each property history has the rows of the records that changed
 * read again ({@link HistoryRows}), or is read whole.
 *
 * <p>Every new file is written in the folder's {@link FolderLayout#syncFolder}, beside the old
 * ones; only when all are complete is the manifest marked {@code syncing}, the files moved over the
 * old ones, and the manifest written anew, last. A sync stopped before the moves leaves the folder
 * as it was; one stopped during them leaves a manifest that says so, and the next sync, which
 * applies the same changes again, ends where one run would. An object that fails keeps its file and
 * mark and is marked stale ({@link SyncedManifest}).
 */
public final class Syncer {
  private final HubSpotClient client;
  private final Clock clock;
  private final int threads;
  private final StatusListener listener;
  private final SyncOptions options;

  public Syncer(
      HubSpotClient client,
      Clock clock,
      int threads,
      StatusListener listener,
      SyncOptions options) {
    this.client = Objects.requireNonNull(client, "client is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.threads = threads;
    this.listener = Objects.requireNonNull(listener, "listener is null");
    this.options = Objects.requireNonNull(options, "options is null");
  }

  /** An object synced from its mark: its new mark, what its sync found, its requests. */
  record Synced(Instant mark, ObjectSync.Outcome outcome, long requests) {}

  /**
   * An association file or property history brought up to date: its rows, its requests, whether
   * read whole.
   */
  record FileSynced(long rows, long requests, boolean whole) {
    /** The file's result as its manifest entry takes it: complete. */
    TaskResult result(String name) {
      return new TaskResult(name, true, rows, requests, 0, null);
    }

    SyncResult.PairLine line(String name) {
      return new SyncResult.PairLine(name, rows, requests, whole);
    }
  }

  /** What each part of one sync came to, filled in as they finish (from several threads). */
  static final class Outcomes {
    final Map<String, String> wholeBecause = new LinkedHashMap<>();
    final Map<String, TaskResult> pulledWhole = new ConcurrentHashMap<>();
    final Map<String, TaskResult> pairsPulledWhole = new ConcurrentHashMap<>();
    final Map<String, Synced> synced = new ConcurrentHashMap<>();
    final Map<String, FileSynced> pairs = new ConcurrentHashMap<>();
    final Map<String, TaskResult> historiesPulledWhole = new ConcurrentHashMap<>();
    final Map<String, FileSynced> histories = new ConcurrentHashMap<>();
    final List<TaskFailure> failures = new ArrayList<>();
    final List<ReferenceResult> references = new ArrayList<>();
    private final Map<Path, long[]> fileIds = new ConcurrentHashMap<>();

    synchronized void failed(TaskFailure failure) {
      failures.add(failure);
    }

    /** The ids of a new object file, read once however many association files start there. */
    long[] idsOf(Path objectFile) {
      return fileIds.computeIfAbsent(objectFile, file -> io(() -> ObjectSync.idsOf(file)));
    }

    synchronized boolean hasFailed(String subject) {
      return failures.stream().anyMatch(failure -> failure.subject().equals(subject));
    }
  }

  /**
   * Syncs the folder {@code plan} was made for, which {@code earlier} describes; {@code request} is
   * what the plan was made from, which {@link SyncCheck} held to the folder's.
   */
  public SyncResult sync(
      Plan plan, Manifest earlier, PullRequest request, String version, FileMode mode)
      throws IOException {
    Instant startedAt = clock.instant();
    Path dir = plan.outDir();
    Path staging = FolderLayout.of(dir).syncFolder();
    FileMoves.deleteTree(staging); // what a sync stopped before its moves left
    OutputFolder.privateFolder(dir);
    Files.createDirectories(staging);
    Outcomes outcomes = new Outcomes();
    plan.failedObjects().forEach(outcomes::failed);
    Map<String, Manifest.ObjectEntry> before = new LinkedHashMap<>();
    earlier.objects().forEach(entry -> before.put(entry.name(), entry));
    List<PlannedObject> fromTheirMarks = new ArrayList<>();
    for (PlannedObject object : plan.objects()) {
      String why = whyWhole(object, before.get(object.type().name()), dir);
      if (why == null) {
        fromTheirMarks.add(object);
      } else {
        outcomes.wholeBecause.put(object.type().name(), why);
      }
    }

    pullWhole(plan, staging, outcomes);
    RunControl control = new RunControl();
    ExecutorService pool = Executors.newFixedThreadPool(threads, DaemonThreads.named("sync-"));
    ExecutorService batchPool =
        Executors.newCachedThreadPool(DaemonThreads.named("sync-association-batch-"));
    try {
      Map<String, CompletableFuture<?>> objects = new LinkedHashMap<>();
      for (PlannedObject object : fromTheirMarks) {
        Instant mark = Instant.parse(before.get(object.type().name()).mark());
        objects.put(
            object.type().name(),
            CompletableFuture.runAsync(
                () ->
                    outcomes.synced.put(
                        object.type().name(), syncObject(object, mark, dir, mode, control)),
                pool));
      }
      awaitAll(objects, false, outcomes, control);

      Map<String, Manifest.AssociationEntry> pairsBefore = new LinkedHashMap<>();
      earlier.associations().forEach(entry -> pairsBefore.put(entry.tableName(), entry));
      Map<String, CompletableFuture<?>> pairs = new LinkedHashMap<>();
      for (AssociationPair pair : plan.pairs()) {
        if (outcomes.pairsPulledWhole.containsKey(pair.name())
            || outcomes.hasFailed(pair.from().name())
            || outcomes.hasFailed(pair.to().name())) {
          continue; // written by the whole pull, or kept as it was: one of its objects failed
        }
        Manifest.AssociationEntry old = pairsBefore.get(pair.name());
        pairs.put(
            pair.name(),
            CompletableFuture.runAsync(
                () ->
                    outcomes.pairs.put(
                        pair.name(), syncPair(pair, old, plan, mode, outcomes, control, batchPool)),
                pool));
      }
      awaitAll(pairs, true, outcomes, control);

      Map<String, Manifest.HistoryEntry> historiesBefore = new LinkedHashMap<>();
      earlier.histories().forEach(entry -> historiesBefore.put(entry.tableName(), entry));
      Map<String, CompletableFuture<?>> histories = new LinkedHashMap<>();
      for (PlannedHistory history : plan.histories()) {
        if (outcomes.historiesPulledWhole.containsKey(history.name())
            || outcomes.hasFailed(history.type().name())) {
          continue; // written by the whole pull, or kept as it was: its object failed
        }
        Manifest.HistoryEntry old = historiesBefore.get(history.name());
        histories.put(
            history.name(),
            CompletableFuture.runAsync(
                () ->
                    outcomes.histories.put(
                        history.name(),
                        syncHistory(history, old, plan, mode, outcomes, control, batchPool)),
                pool));
      }
      awaitAll(histories, true, outcomes, control);

      // rewritten whole each time, as a pull writes them: a synced folder equals a fresh pull
      outcomes.references.addAll(
          new ReferenceTables(plan).write(client, staging, mode, control, listener));
      if (control.fatal() != null) {
        throw control.fatal();
      }
      outcomes.references.stream()
          .flatMap(reference -> reference.failures().stream())
          .forEach(outcomes::failed);
    } finally {
      Extractor.stopAndWait(List.of(pool, batchPool));
    }

    SyncedManifest synced =
        new SyncedManifest(plan, earlier, outcomes, request, version, startedAt, clock.instant());
    List<String> dropped = new ArrayList<>(synced.droppedFiles());
    SyncedReferences references = new SyncedReferences(earlier, outcomes.references);
    dropped.addAll(references.droppedFiles());
    for (ReferenceTable kept : references.keptAsTheyWere()) {
      Files.deleteIfExists(FolderLayout.of(staging).referenceFile(kept));
    }
    commit(dir, staging, earlier, synced.manifest(), dropped, mode);
    return new SyncResult(
        synced.objectLines(),
        synced.pairLines(),
        outcomes.references,
        synced.historyLines(),
        synced.failures(),
        synced.manifest());
  }

  /**
   * Pulls the objects that are not synced from a mark, with the association files that start at
   * them, into the staging folder, as a pull would.
   */
  private void pullWhole(Plan plan, Path staging, Outcomes outcomes) {
    if (outcomes.wholeBecause.isEmpty()) {
      return;
    }
    List<PlannedObject> whole =
        plan.objects().stream()
            .filter(object -> outcomes.wholeBecause.containsKey(object.type().name()))
            .toList();
    List<AssociationPair> theirPairs =
        plan.pairs().stream()
            .filter(pair -> outcomes.wholeBecause.containsKey(pair.from().name()))
            .toList();
    List<PlannedHistory> theirHistories =
        plan.histories().stream()
            .filter(history -> outcomes.wholeBecause.containsKey(history.type().name()))
            .toList();
    // the plan's failed objects too: no pair to one of them is asked for
    Plan pull =
        new Plan(
            plan.source(),
            staging,
            whole,
            theirPairs,
            plan.recordLimit(),
            plan.failedObjects(),
            theirHistories);
    RunResult run = new Extractor(client, clock, threads, listener, null).run(pull, false);
    if (run.fatal() != null) {
      throw run.fatal();
    }
    run.objects().forEach(result -> outcomes.pulledWhole.put(result.name(), result));
    run.associations().forEach(result -> outcomes.pairsPulledWhole.put(result.name(), result));
    run.histories().forEach(result -> outcomes.historiesPulledWhole.put(result.name(), result));
    run.failures().stream()
        .filter(failure -> !outcomes.hasFailed(failure.subject())) // the plan's, noted already
        .forEach(outcomes::failed);
  }

  /** Why an object is pulled whole rather than synced from its mark; null when it is not. */
  private static String whyWhole(PlannedObject object, Manifest.ObjectEntry old, Path dir) {
    if (old == null) {
      return "new in this sync";
    }
    if (old.failed()) {
      return "its last pull or sync did not finish it";
    }
    if (old.mark() == null) {
      return "its last pull left no mark to sync from (resumed, or an earlier version's)";
    }
    List<String> had = old.columns().stream().map(Manifest.Column::name).toList();
    List<String> now = ObjectTask.header(object);
    if (!had.equals(now)) {
      List<String> added = now.stream().filter(c -> !had.contains(c)).toList();
      List<String> removed = had.stream().filter(c -> !now.contains(c)).toList();
      return "its properties changed"
          + (added.isEmpty() ? "" : " (new: " + String.join(", ", added) + ")")
          + (removed.isEmpty() ? "" : " (gone: " + String.join(", ", removed) + ")")
          + (added.isEmpty() && removed.isEmpty() ? " (their order)" : "");
    }
    if (!Files.isRegularFile(FolderLayout.of(dir).objectFile(object.type()))) {
      return "its file is missing";
    }
    return null;
  }

  private Synced syncObject(
      PlannedObject object, Instant oldMark, Path dir, FileMode mode, RunControl control) {
    LongAdder calls = new LongAdder();
    // HubSpot's time before this sync's first read of the object: the next sync's mark; with no
    // dated answer there is none (this machine's clock may be ahead), and the next sync pulls whole
    Instant mark =
        client.serverTime().map(time -> time.truncatedTo(ChronoUnit.SECONDS)).orElse(null);
    return io(
        () -> {
          ObjectSync.Outcome outcome =
              new ObjectSync(
                      object,
                      ObjectSync.since(oldMark, options.lookback()),
                      options.verifyDeletes(),
                      control)
                  .run(
                      client.counting(calls),
                      FolderLayout.of(dir).objectFile(object.type()),
                      FolderLayout.of(FolderLayout.of(dir).syncFolder()).objectFile(object.type()),
                      mode);
          return new Synced(mark, outcome, calls.sum());
        });
  }

  /**
   * Replaces the links of the records touched on either side, when both objects were synced from
   * their marks and the old file is there to merge into; otherwise reads the pair whole.
   */
  private FileSynced syncPair(
      AssociationPair pair,
      Manifest.AssociationEntry old,
      Plan plan,
      FileMode mode,
      Outcomes outcomes,
      RunControl control,
      ExecutorService batchPool) {
    FolderLayout layout = FolderLayout.of(plan.outDir());
    Path staging = layout.syncFolder();
    Path current = layout.pairFile(pair);
    Synced from = outcomes.synced.get(pair.from().name());
    Synced to = outcomes.synced.get(pair.to().name());
    Path fromFile = fromFileOf(pair, plan);
    boolean mergeable =
        !options.fullAssociations()
            && old != null
            && Manifest.COMPLETE.equals(old.status()) // a stale file missed earlier changes
            && pair.fromIds().isEmpty() // chosen records: read whole, they are few
            && from != null
            && to != null
            && Files.isRegularFile(current);
    return syncFile(
        mergeable,
        counted ->
            new PairRows(pair, control)
                .run(
                    counted,
                    current,
                    FolderLayout.of(staging).pairFile(pair),
                    mode,
                    outcomes.idsOf(fromFile),
                    from.outcome().touched(),
                    to.outcome().touched()),
        counted ->
            new AssociationTask(
                    pair, fromFile, OptionalLong.empty(), staging, null, clock, batchPool)
                .run(counted, control, listener));
  }

  /**
   * Replaces the history rows of the records that changed, when the object was synced from its mark
   * and the old file holds the same properties' histories; otherwise reads the history whole.
   */
  private FileSynced syncHistory(
      PlannedHistory history,
      Manifest.HistoryEntry old,
      Plan plan,
      FileMode mode,
      Outcomes outcomes,
      RunControl control,
      ExecutorService batchPool) {
    FolderLayout layout = FolderLayout.of(plan.outDir());
    Path staging = layout.syncFolder();
    Path current = layout.historyFile(history);
    Path objectFile = FolderLayout.of(staging).objectFile(history.type());
    Synced synced = outcomes.synced.get(history.type().name());
    boolean mergeable =
        old != null
            && Manifest.COMPLETE.equals(old.status()) // a stale file missed earlier changes
            && old.properties().equals(history.properties())
            && synced != null
            && Files.isRegularFile(current);
    return syncFile(
        mergeable,
        counted ->
            new HistoryRows(history, control)
                .run(
                    counted,
                    current,
                    FolderLayout.of(staging).historyFile(history),
                    mode,
                    outcomes.idsOf(objectFile),
                    synced.outcome().touched()),
        counted ->
            new HistoryTask(history, objectFile, staging, null, clock, batchPool)
                .run(counted, control, listener));
  }

  /** A step that makes its requests on the client given, which counts them. */
  private interface Counted<T> {
    T run(HubSpotClient counted) throws IOException;
  }

  /**
   * Brings an association file or property history up to date: the changed records' rows merged in
   * when {@code mergeable} and {@code merge} finds the old file grouped by id, otherwise the file
   * read {@code whole}; its requests counted.
   */
  private FileSynced syncFile(boolean mergeable, Counted<OptionalLong> merge, Counted<Long> whole) {
    LongAdder calls = new LongAdder();
    HubSpotClient counted = client.counting(calls);
    return io(
        () -> {
          if (mergeable) {
            OptionalLong rows = merge.run(counted);
            if (rows.isPresent()) {
              return new FileSynced(rows.getAsLong(), calls.sum(), false);
            }
          }
          return new FileSynced(whole.run(counted), calls.sum(), true);
        });
  }

  /** The from-object's new file (synced or pulled), or null when its ids come from HubSpot. */
  private static Path fromFileOf(AssociationPair pair, Plan plan) {
    if (!pair.fromIds().isEmpty()
        || plan.objects().stream().noneMatch(o -> o.type().equals(pair.from()))) {
      return null;
    }
    // every object asked for and not failed has its new file there, synced or pulled whole
    return FolderLayout.of(FolderLayout.of(plan.outDir()).syncFolder()).objectFile(pair.from());
  }

  /** Waits for every task, noting each failure; one that dooms the run is thrown once all end. */
  private static void awaitAll(
      Map<String, CompletableFuture<?>> tasks,
      boolean association,
      Outcomes outcomes,
      RunControl control) {
    tasks.forEach(
        (name, task) -> {
          try {
            task.join();
          } catch (CompletionException e) {
            outcomes.failed(failureOf(name, association, e.getCause(), control));
          }
        });
    if (control.fatal() != null) {
      throw control.fatal();
    }
  }

  /** What one object or file's failure was, as the manifest says it; a fatal one ends the run. */
  private static TaskFailure failureOf(
      String name, boolean association, Throwable cause, RunControl control) {
    Throwable failure = cause instanceof UncheckedIOException io ? io.getCause() : cause;
    if (failure instanceof RuntimeException runtime && RunControl.isFatal(runtime)) {
      control.abort(runtime);
    }
    if (failure instanceof HubSpotException hubSpot) {
      return new TaskFailure(name, association, hubSpot.category(), hubSpot.text());
    }
    if (failure instanceof IOException io) {
      ExtractException output =
          new ExtractException(
              FailureCategory.OUTPUT,
              "cannot bring "
                  + name
                  + " up to date in the output folder: "
                  + OutputFolder.reason(io),
              io);
      control.abort(output);
      return new TaskFailure(name, association, FailureCategory.OUTPUT, output.text());
    }
    if (failure instanceof ExtractException extract) {
      return new TaskFailure(name, association, extract.category(), extract.text());
    }
    if (failure instanceof RunControl.Aborted) {
      return new TaskFailure(name, association, FailureCategory.ABORTED, "not finished");
    }
    return new TaskFailure(
        name,
        association,
        FailureCategory.INTERNAL,
        "internal error: " + failure + " (please report it)");
  }

  /**
   * Moves the new files into place: the manifest first says a sync is replacing files, then each
   * file is moved over its old one, the files of dropped objects deleted, and the new manifest
   * written last.
   */
  private static void commit(
      Path dir,
      Path staging,
      Manifest earlier,
      Manifest synced,
      List<String> dropped,
      FileMode mode)
      throws IOException {
    earlier.syncingSince(synced.startedAt()).write(dir, mode);
    List<Path> staged;
    try (Stream<Path> files = Files.list(staging)) {
      staged =
          files
              .filter(
                  f -> Files.isRegularFile(f) && FolderLayout.isCsvFile(f.getFileName().toString()))
              .sorted(Comparator.naturalOrder())
              .toList();
    }
    for (Path file : staged) {
      FileMoves.replace(file, dir.resolve(file.getFileName().toString()));
      KillPoint.BETWEEN_A_RENAME_AND_THE_MANIFEST.reached();
    }
    for (String file : dropped) {
      Files.deleteIfExists(OutputFolder.fileIn(dir, file));
    }
    synced.write(dir, mode);
    FileMoves.deleteTree(staging);
    OutputFolder.removePrivateFolderIfEmpty(dir); // a CSV base's: the folder's holds the lock
  }

  /** What a step that writes files returns, its I/O failure carried out of the pool unchecked. */
  private interface Io<T> {
    T get() throws IOException;
  }

  private static <T> T io(Io<T> step) {
    try {
      return step.get();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
