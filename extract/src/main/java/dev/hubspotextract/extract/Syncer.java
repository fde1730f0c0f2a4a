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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Brings a pulled folder up to date: each object whose columns are the ones pulled is synced from
 * its mark ({@link ObjectSync}), each other one (new, its properties changed, no mark) is pulled
 * whole, and each association file has the links of the records changed on either side replaced
 * ({@link PairRows}), or is read whole.
 *
 * <p>Every new file is written in the folder's {@link FolderLayout#syncFolder}, beside the old
 * ones; only when all are complete is the manifest marked {@code syncing}, the files moved over the
 * old ones, and the manifest written anew, last. A sync stopped before the moves leaves the folder
 * as it was; one stopped during them leaves a manifest that says so, and the next sync, which
 * applies the same changes again, ends where one run would. An object that fails keeps its file and
 * mark and is marked stale.
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
    this.threads = threads;
    this.listener = Objects.requireNonNull(listener, "listener is null");
    this.options = Objects.requireNonNull(options, "options is null");
  }

  /** An object synced from its mark: where it stands and what its sync found. */
  private record Synced(
      PlannedObject object, Instant mark, ObjectSync.Outcome outcome, long requests) {}

  /**
   * Syncs the folder {@code plan} was made for, which {@code earlier} describes; {@code request} is
   * what the plan was made from, checked against the folder's by {@link SyncCheck}.
   */
  public SyncResult sync(
      Plan plan, Manifest earlier, PullRequest request, String version, FileMode mode)
      throws IOException {
    Instant startedAt = clock.instant();
    Path dir = plan.outDir();
    FolderLayout layout = FolderLayout.of(dir);
    Path staging = layout.syncFolder();
    deleteTree(staging);
    OutputFolder.privateFolder(dir);
    Files.createDirectories(staging);
    Map<String, Manifest.ObjectEntry> before = new HashMap<>();
    earlier.objects().forEach(entry -> before.put(entry.name(), entry));
    Map<String, Manifest.AssociationEntry> pairsBefore = new HashMap<>();
    earlier.associations().forEach(entry -> pairsBefore.put(entry.tableName(), entry));

    // which objects are synced from their mark, which pulled whole and why
    Map<String, String> wholeBecause = new LinkedHashMap<>();
    List<PlannedObject> incremental = new ArrayList<>();
    for (PlannedObject object : plan.objects()) {
      String why = whyWhole(object, before.get(object.type().name()), dir);
      if (why == null) {
        incremental.add(object);
      } else {
        wholeBecause.put(object.type().name(), why);
      }
    }

    RunControl control = new RunControl();
    List<TaskFailure> failures = new ArrayList<>(plan.failedObjects());
    Map<String, TaskResult> pulledWhole = new HashMap<>();
    Map<String, TaskResult> wholePairs = new HashMap<>();
    if (!wholeBecause.isEmpty()) {
      List<PlannedObject> whole =
          plan.objects().stream().filter(o -> wholeBecause.containsKey(o.type().name())).toList();
      List<AssociationPair> theirPairs =
          plan.pairs().stream().filter(p -> wholeBecause.containsKey(p.from().name())).toList();
      Plan subPlan =
          new Plan(plan.source(), staging, whole, theirPairs, plan.recordLimit(), List.of());
      RunResult run = new Extractor(client, clock, threads, listener, null).run(subPlan);
      if (run.fatal() != null) {
        throw run.fatal();
      }
      run.objects().forEach(result -> pulledWhole.put(result.name(), result));
      run.associations().forEach(result -> wholePairs.put(result.name(), result));
      failures.addAll(run.failures());
    }

    ExecutorService pool = Executors.newFixedThreadPool(threads, DaemonThreads.named("sync-"));
    ExecutorService batchPool =
        Executors.newCachedThreadPool(DaemonThreads.named("sync-association-batch-"));
    Map<String, Synced> synced = new HashMap<>();
    Map<String, Long> pairRows = new HashMap<>();
    Map<String, Long> pairRequests = new HashMap<>();
    Map<String, Boolean> pairWhole = new HashMap<>();
    try {
      Map<String, CompletableFuture<Synced>> objectTasks = new LinkedHashMap<>();
      for (PlannedObject object : incremental) {
        Instant mark = Instant.parse(before.get(object.type().name()).mark());
        objectTasks.put(
            object.type().name(),
            CompletableFuture.supplyAsync(
                () -> syncObject(object, mark, dir, mode, control), pool));
      }
      for (Map.Entry<String, CompletableFuture<Synced>> task : objectTasks.entrySet()) {
        try {
          synced.put(task.getKey(), task.getValue().join());
        } catch (java.util.concurrent.CompletionException e) {
          failures.add(failureOf(task.getKey(), false, e.getCause(), control));
        }
      }
      if (control.fatal() != null) {
        throw control.fatal();
      }

      Set<String> failedNames = new java.util.HashSet<>();
      failures.forEach(f -> failedNames.add(f.subject()));
      Map<String, CompletableFuture<Void>> pairTasks = new LinkedHashMap<>();
      for (AssociationPair pair : plan.pairs()) {
        String name = pair.name();
        if (wholePairs.containsKey(name)
            || failedNames.contains(pair.from().name())
            || failedNames.contains(pair.to().name())) {
          continue; // written by the whole pull, or kept as it was since an object failed
        }
        pairTasks.put(
            name,
            CompletableFuture.runAsync(
                () -> {
                  LongAdder calls = new LongAdder();
                  boolean[] whole = {false};
                  long rows =
                      syncPair(
                          pair,
                          pairsBefore.get(name),
                          synced,
                          plan,
                          dir,
                          mode,
                          control,
                          batchPool,
                          client.counting(calls),
                          whole);
                  synchronized (pairRows) {
                    pairRows.put(name, rows);
                    pairRequests.put(name, calls.sum());
                    pairWhole.put(name, whole[0]);
                  }
                },
                pool));
      }
      for (Map.Entry<String, CompletableFuture<Void>> task : pairTasks.entrySet()) {
        try {
          task.getValue().join();
        } catch (java.util.concurrent.CompletionException e) {
          failures.add(failureOf(task.getKey(), true, e.getCause(), control));
        }
      }
      if (control.fatal() != null) {
        throw control.fatal();
      }
    } finally {
      pool.shutdownNow();
      batchPool.shutdownNow();
      try {
        pool.awaitTermination(10, TimeUnit.SECONDS);
        batchPool.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    // the manifest of the synced folder, and the lines that tell what happened
    List<SyncResult.ObjectLine> objectLines = new ArrayList<>();
    List<Manifest.ObjectEntry> objectEntries = new ArrayList<>();
    Set<String> failedNames = new java.util.HashSet<>();
    failures.forEach(f -> failedNames.add(f.subject()));
    for (PlannedObject object : plan.objects()) {
      String name = object.type().name();
      Manifest.ObjectEntry old = before.get(name);
      if (failedNames.contains(name)) {
        if (old != null) {
          objectEntries.add(old.stale());
        }
        objectLines.add(new SyncResult.ObjectLine(name, null, false));
      } else if (pulledWhole.containsKey(name)) {
        TaskResult result = pulledWhole.get(name);
        Manifest.SyncCounts counts =
            new Manifest.SyncCounts(
                0, result.rows(), 0, 0, result.requests(), wholeBecause.get(name));
        objectEntries.add(Manifest.ObjectEntry.of(object, result).withLastSync(counts));
        objectLines.add(new SyncResult.ObjectLine(name, counts, false));
      } else {
        Synced done = synced.get(name);
        ObjectSync.Outcome outcome = done.outcome();
        Manifest.SyncCounts counts =
            new Manifest.SyncCounts(
                outcome.updated(),
                outcome.added(),
                outcome.archived(),
                outcome.deleted(),
                done.requests(),
                null);
        TaskResult result =
            new TaskResult(
                name,
                false,
                outcome.rows(),
                done.requests(),
                0,
                null,
                ListOrder.IN_ORDER,
                outcome.decimals(),
                done.mark());
        objectEntries.add(Manifest.ObjectEntry.of(object, result).withLastSync(counts));
        objectLines.add(new SyncResult.ObjectLine(name, counts, false));
      }
    }
    for (TaskFailure failure : plan.failedObjects()) {
      Manifest.ObjectEntry old = before.get(failure.subject());
      if (old != null) {
        objectEntries.add(old.stale());
      }
    }
    List<String> dropped = new ArrayList<>();
    Set<String> asked = new java.util.HashSet<>();
    plan.objects().forEach(o -> asked.add(o.type().name()));
    plan.failedObjects().forEach(f -> asked.add(f.subject()));
    for (Manifest.ObjectEntry old : earlier.objects()) {
      if (!asked.contains(old.name())) {
        objectLines.add(new SyncResult.ObjectLine(old.name(), null, true));
        if (old.file() != null) {
          dropped.add(old.file());
        }
      }
    }

    List<SyncResult.PairLine> pairLines = new ArrayList<>();
    List<Manifest.AssociationEntry> pairEntries = new ArrayList<>();
    Set<String> pairNames = new java.util.HashSet<>();
    for (AssociationPair pair : plan.pairs()) {
      String name = pair.name();
      pairNames.add(name);
      Manifest.AssociationEntry old = pairsBefore.get(name);
      TaskResult whole = wholePairs.get(name);
      if (whole != null && whole.completed()) {
        pairEntries.add(Manifest.AssociationEntry.of(pair, whole));
        pairLines.add(new SyncResult.PairLine(name, whole.rows(), whole.requests(), true));
      } else if (pairRows.containsKey(name)) {
        TaskResult result =
            new TaskResult(name, true, pairRows.get(name), pairRequests.get(name), 0, null);
        pairEntries.add(Manifest.AssociationEntry.of(pair, result));
        pairLines.add(
            new SyncResult.PairLine(
                name, pairRows.get(name), pairRequests.get(name), pairWhole.get(name)));
      } else if (old != null) {
        pairEntries.add(old.stale());
        if (failures.stream().noneMatch(f -> f.subject().equals(name))) {
          failures.add(
              new TaskFailure(
                  name,
                  true,
                  FailureCategory.ABORTED,
                  "kept as the last sync left it: one of its objects failed"));
        }
      }
    }
    for (Manifest.AssociationEntry old : earlier.associations()) {
      if (!pairNames.contains(old.tableName()) && old.file() != null) {
        dropped.add(old.file());
      }
    }

    Manifest synced2 =
        new Manifest(
            Manifest.TOOL,
            version,
            FolderLayout.CSV_FORMAT,
            earlier.excel(),
            plan.source(),
            startedAt.truncatedTo(ChronoUnit.MILLIS).toString(),
            clock.instant().truncatedTo(ChronoUnit.MILLIS).toString(),
            objectEntries,
            pairEntries,
            failures.stream().map(Manifest.Failure::of).toList(),
            List.of(),
            clock.instant().truncatedTo(ChronoUnit.MILLIS).toString(),
            null,
            Manifest.Selection.of(request));
    commit(dir, staging, earlier, synced2, dropped, mode);
    return new SyncResult(objectLines, pairLines, failures, synced2);
  }

  /** Why an object is pulled whole rather than synced from its mark; null when it is not. */
  private static String whyWhole(PlannedObject object, Manifest.ObjectEntry old, Path dir) {
    if (old == null || old.failed() && old.mark() == null) {
      return "new in this sync";
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
    HubSpotClient counted = client.counting(calls);
    // HubSpot's time before this sync's first read of the object: the next sync's mark
    Instant mark = client.serverTime().orElse(clock.instant());
    try {
      ObjectSync.Outcome outcome =
          new ObjectSync(
                  object,
                  ObjectSync.since(oldMark, options.lookback()),
                  options.verifyDeletes(),
                  control)
              .run(
                  counted,
                  FolderLayout.of(dir).objectFile(object.type()),
                  FolderLayout.of(FolderLayout.of(dir).syncFolder()).objectFile(object.type()),
                  mode);
      return new Synced(object, mark.truncatedTo(ChronoUnit.SECONDS), outcome, calls.sum());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long syncPair(
      AssociationPair pair,
      Manifest.AssociationEntry old,
      Map<String, Synced> synced,
      Plan plan,
      Path dir,
      FileMode mode,
      RunControl control,
      ExecutorService batchPool,
      HubSpotClient counted,
      boolean[] whole) {
    FolderLayout layout = FolderLayout.of(dir);
    Path staging = layout.syncFolder();
    Path current = layout.pairFile(pair);
    Synced from = synced.get(pair.from().name());
    Synced to = synced.get(pair.to().name());
    Path fromFile = fromFileOf(pair, plan, dir);
    try {
      if (!options.fullAssociations()
          && old != null
          && !old.failed()
          && from != null
          && to != null
          && Files.isRegularFile(current)) {
        var rows =
            new PairRows(pair, control)
                .run(
                    counted,
                    current,
                    FolderLayout.of(staging).pairFile(pair),
                    mode,
                    fromFile,
                    from.outcome().touched(),
                    to.outcome().touched());
        if (rows.isPresent()) {
          return rows.get();
        }
      }
      whole[0] = true;
      return new AssociationTask(pair, fromFile, OptionalLong.empty(), staging, null, batchPool)
          .run(counted, control, listener);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The from-object's new file (synced or pulled), or null when its ids come from HubSpot. */
  private static Path fromFileOf(AssociationPair pair, Plan plan, Path dir) {
    if (!pair.fromIds().isEmpty()
        || plan.objects().stream().noneMatch(o -> o.type().equals(pair.from()))) {
      return null;
    }
    Path staged = FolderLayout.of(FolderLayout.of(dir).syncFolder()).objectFile(pair.from());
    return Files.isRegularFile(staged) ? staged : FolderLayout.of(dir).objectFile(pair.from());
  }

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
              "cannot write " + name + " to the output folder: " + OutputFolder.reason(io),
              io);
      control.abort(output);
      return new TaskFailure(name, association, FailureCategory.OUTPUT, output.getMessage());
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
    deleteTree(staging);
    OutputFolder.removePrivateFolderIfEmpty(dir); // a CSV base's: the folder's holds the lock
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
