package dev.hubspotextract.extract;

import dev.hubspotextract.client.CategorizedException;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.client.UserText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Runs a {@link Plan} on two bounded pools of workers (objects, association files) that share the
 * client's one rate budget, and pools of helpers it owns (range cursors and search walks, pages
 * read ahead, association batches), all shut down and waited for when the run ends: every object at
 * once (as many as there are workers), and each association file and property history as soon as
 * the object whose ids it reads is written, so the budget stays busy until the end. Results keep
 * the plan's order whatever the scheduling. A failure confined to one object (a missing scope)
 * fails that object only; a failure that dooms the rest (a rejected token, the daily limit, HubSpot
 * unreachable, an unwritable folder) stops the run, keeping what was written for a resume.
 */
public final class Extractor {
  private final HubSpotClient client;
  private final Clock clock;
  private final int threads;
  private final StatusListener listener;
  private final RunState state;
  private final FirstObjects firstObjects = new FirstObjects();

  public Extractor(HubSpotClient client, Clock clock, int threads, StatusListener listener) {
    this(client, clock, threads, listener, null);
  }

  /**
   * @param clock when the run started and ended, and what the time between a task's checkpoints is
   *     measured on
   * @param state where tasks checkpoint and what an earlier run left to continue; null for a run
   *     that cannot be resumed
   */
  public Extractor(
      HubSpotClient client, Clock clock, int threads, StatusListener listener, RunState state) {
    this.client = Objects.requireNonNull(client, "client is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.threads = threads;
    this.listener = Objects.requireNonNull(listener, "listener is null");
    this.state = state;
  }

  /** Runs the plan: its objects, association files and reference tables. */
  public RunResult run(Plan plan) {
    return run(plan, true);
  }

  /**
   * Runs the plan, with its reference tables or without them (a sync pulling some objects whole
   * writes them once for the whole folder).
   */
  RunResult run(Plan plan, boolean withReferences) {
    Instant startedAt = clock.instant();
    RunControl control = new RunControl();
    NotHubSpot notHubSpot = new NotHubSpot(plan.source());
    plan.failedObjects().stream()
        .filter(failure -> failure.category() == FailureCategory.NOT_HUBSPOT)
        .forEach(failure -> notHubSpot.endsTheRun(failure.subject()));
    // objects and association files on pools of their own: association reads are exempt from
    // the 10-second budget, so running them beside the object cursors, not instead of some of
    // them, keeps that budget full
    ExecutorService pool = pool("pull-object-", threads);
    ExecutorService pairPool = pool("pull-pair-", threads);
    ExecutorService cursorPool = Executors.newCachedThreadPool(DaemonThreads.named("pull-range-"));
    // pages read ahead of every list cursor, and association batches read ahead of their file
    ExecutorService prefetchPool =
        Executors.newCachedThreadPool(DaemonThreads.named("pull-prefetch-"));
    ExecutorService batchPool =
        Executors.newCachedThreadPool(DaemonThreads.named("pull-association-batch-"));
    HubSpotClient pulling = client.prefetchingOn(prefetchPool);
    try {
      // beside the objects: a handful of requests, on the objects' pool
      CompletableFuture<List<ReferenceResult>> references =
          withReferences
              ? CompletableFuture.supplyAsync(
                  () ->
                      new ReferenceTables(plan)
                          .write(pulling, plan.outDir(), fileMode(), control, listener),
                  pool)
              : CompletableFuture.completedFuture(List.of());
      Map<String, CompletableFuture<TaskResult>> objectTasks = new LinkedHashMap<>();
      for (PlannedObject object : plan.objects()) {
        ObjectTask task =
            new ObjectTask(object, plan.recordLimit(), plan.outDir(), state, clock, cursorPool);
        objectTasks.put(
            object.type().name(),
            CompletableFuture.supplyAsync(
                () ->
                    runTask(
                            object.type().name(),
                            false,
                            control,
                            notHubSpot,
                            pulling,
                            counted -> task.run(counted, control, listener),
                            task::listOrder)
                        .withFile(task.decimals(), task.mark()),
                pool));
      }
      Map<String, TaskFailure> failedInPlanning = new HashMap<>();
      for (TaskFailure failure : plan.failedObjects()) {
        failedInPlanning.put(failure.subject(), failure);
      }
      List<CompletableFuture<TaskResult>> pairTasks = new ArrayList<>();
      for (AssociationPair pair : plan.pairs()) {
        CompletableFuture<TaskResult> from = objectTasks.get(pair.from().name());
        TaskFailure planFailure = failedInPlanning.get(pair.from().name());
        TaskFailure toFailure = failedInPlanning.get(pair.to().name());
        if (toFailure != null) {
          // the same missing scope would refuse the association reads: no request for a known no
          pairTasks.add(CompletableFuture.completedFuture(skipped(pair, pair.to(), toFailure)));
        } else if (!pair.fromIds().isEmpty() || (from == null && planFailure == null)) {
          // ids given by the user, or paged from HubSpot: nothing to wait for
          pairTasks.add(
              CompletableFuture.supplyAsync(
                  () -> runPair(plan, pair, null, control, notHubSpot, pulling, batchPool),
                  pairPool));
        } else if (from == null) {
          pairTasks.add(CompletableFuture.completedFuture(skipped(pair, pair.from(), planFailure)));
        } else {
          pairTasks.add(
              from.thenApplyAsync(
                  result ->
                      result.completed()
                          ? runPair(
                              plan,
                              pair,
                              FolderLayout.of(plan.outDir()).objectFile(pair.from()),
                              control,
                              notHubSpot,
                              pulling,
                              batchPool)
                          : skipped(pair, pair.from(), result.failure()),
                  pairPool));
        }
      }
      List<CompletableFuture<TaskResult>> historyTasks = new ArrayList<>();
      for (PlannedHistory history : plan.histories()) {
        CompletableFuture<TaskResult> of = objectTasks.get(history.type().name());
        // after its object's file, as an association file: it reads the ids written there
        historyTasks.add(
            of.thenApplyAsync(
                result ->
                    result.completed()
                        ? runHistory(plan, history, control, notHubSpot, pulling, batchPool)
                        : skipped(history.name(), history.type(), result.failure()),
                pairPool));
      }
      List<TaskResult> objects = collect(List.copyOf(objectTasks.values()));
      List<TaskResult> pairs = collect(pairTasks);
      List<TaskResult> histories = collect(historyTasks);
      List<ReferenceResult> tables = collect(List.of(references)).get(0);
      return new RunResult(
          plan, startedAt, clock.instant(), objects, pairs, tables, histories, control.fatal());
    } finally {
      stopAndWait(List.of(pool, pairPool, cursorPool, prefetchPool, batchPool));
    }
  }

  /**
   * How the run's files are protected: as its state says (owner-only, or the umask's with {@code
   * --keep-umask}); owner-only for a run that cannot be resumed.
   */
  private FileMode fileMode() {
    return state == null ? FileMode.PRIVATE : state.fileMode();
  }

  /** How long the run waits for its workers to stop once it ends, at most. */
  private static final Duration STOPPING = Duration.ofSeconds(10);

  /**
   * Interrupts every worker and waits for them to stop, so that none still writes in the output
   * folder (a segment or side file given up) once the caller finishes the run's state.
   */
  static void stopAndWait(List<ExecutorService> pools) {
    pools.forEach(ExecutorService::shutdownNow);
    long deadline = System.nanoTime() + STOPPING.toNanos();
    try {
      for (ExecutorService pool : pools) {
        pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the caller stops all the same
    }
  }

  private static ExecutorService pool(String name, int threads) {
    return Executors.newFixedThreadPool(threads, DaemonThreads.named(name));
  }

  private TaskResult runPair(
      Plan plan,
      AssociationPair pair,
      Path fromCsv,
      RunControl control,
      NotHubSpot notHubSpot,
      HubSpotClient pulling,
      ExecutorService batchPool) {
    AssociationTask task =
        new AssociationTask(
            pair, fromCsv, plan.recordLimit(), plan.outDir(), state, clock, batchPool);
    return runTask(
        pair.name(),
        true,
        control,
        notHubSpot,
        pulling,
        counted -> task.run(counted, control, listener),
        task::listOrder);
  }

  private TaskResult runHistory(
      Plan plan,
      PlannedHistory history,
      RunControl control,
      NotHubSpot notHubSpot,
      HubSpotClient pulling,
      ExecutorService batchPool) {
    HistoryTask task =
        new HistoryTask(
            history,
            FolderLayout.of(plan.outDir()).objectFile(history.type()),
            plan.outDir(),
            state,
            clock,
            batchPool);
    return runTask(
        history.name(),
        true,
        control,
        notHubSpot,
        pulling,
        counted -> task.run(counted, control, listener),
        () -> ListOrder.IN_ORDER);
  }

  /** A pair not written because one of its objects failed. */
  private TaskResult skipped(AssociationPair pair, ObjectType failed, TaskFailure failure) {
    return skipped(pair.name(), failed, failure);
  }

  /** A file (a pair, a history) not written because the object it needs failed. */
  private TaskResult skipped(String name, ObjectType failed, TaskFailure failure) {
    TaskResult skipped =
        new TaskResult(
            name,
            true,
            0,
            0,
            0,
            new TaskFailure(
                name, true, failure.category(), "not written: " + failed.name() + " failed"));
    if (failure.category() != FailureCategory.ABORTED) {
      listener.taskFinished(skipped);
    }
    return skipped;
  }

  /** One task's body, given a client that counts its calls. */
  @FunctionalInterface
  private interface Body {
    long run(HubSpotClient counted) throws IOException;
  }

  /**
   * Runs a task on {@code pulling} (the run's client, reading pages ahead on the run's pool) and
   * tells how it went; {@code listOrder} is asked once it has completed.
   */
  private TaskResult runTask(
      String name,
      boolean association,
      RunControl control,
      NotHubSpot notHubSpot,
      HubSpotClient pulling,
      Body body,
      Supplier<ListOrder> listOrder) {
    long start = System.nanoTime();
    LongAdder calls = new LongAdder();
    TaskFailure failure = null;
    long rows = 0;
    if (control.fatal() != null) {
      failure = aborted(name, association, control);
    } else {
      try {
        rows = body.run(pulling.counting(calls));
      } catch (RunControl.Aborted e) {
        failure = aborted(name, association, control);
      } catch (HubSpotException e) {
        if (RunControl.isFatal(e)) {
          control.abort(e);
        }
        UserText message = e.text();
        if (NotHubSpot.is(e)) {
          message = notHubSpot.message(e);
          if (notHubSpot.endsTheRun(name)) {
            control.abort(notHubSpot.endingTheRun(e));
          }
        }
        failure = new TaskFailure(name, association, e.category(), message);
      } catch (IOException | UncheckedIOException e) {
        ExtractException output =
            new ExtractException(
                FailureCategory.OUTPUT,
                "cannot write "
                    + name
                    + " to "
                    + "the output folder"
                    + ": "
                    + OutputFolder.reason(e instanceof UncheckedIOException u ? u.getCause() : e),
                e);
        control.abort(output);
        failure = new TaskFailure(name, association, FailureCategory.OUTPUT, output.getMessage());
      } catch (RuntimeException e) {
        failure =
            new TaskFailure(
                name,
                association,
                FailureCategory.INTERNAL,
                "internal error: " + e + " (please report it)");
      }
    }
    if (!association) {
      firstObjects.finished(failure, control);
    }
    TaskResult result =
        new TaskResult(
            name,
            association,
            rows,
            calls.sum(),
            (System.nanoTime() - start) / 1e9,
            failure,
            failure == null ? listOrder.get() : ListOrder.IN_ORDER,
            Map.of(),
            null);
    if (failure == null || failure.category() != FailureCategory.ABORTED) {
      listener.taskFinished(result);
    }
    return result;
  }

  /**
   * Ends the run when the first three objects to finish all failed the same way: HubSpot (or the
   * server at the base URL) is failing as a whole, and trying every other object would only repeat
   * it. Any other failure of an object fails that object alone.
   */
  private static final class FirstObjects {
    private final List<TaskFailure> seen = new ArrayList<>();

    synchronized void finished(TaskFailure failure, RunControl control) {
      if (seen.size() >= 3 || (failure != null && failure.category() == FailureCategory.ABORTED)) {
        return;
      }
      seen.add(failure);
      if (seen.size() == 3
          && seen.stream().allMatch(f -> f != null && f.category() == seen.get(0).category())) {
        control.abort(
            new HubSpotException(
                FailureCategory.EXTERNAL,
                seen.get(2)
                    .text()
                    .around(
                        "the first three objects all failed ("
                            + seen.get(0).category().label()
                            + "), so the rest were not tried: ",
                        "")));
      }
    }
  }

  private static TaskFailure aborted(String name, boolean association, RunControl control) {
    RuntimeException fatal = control.fatal();
    UserText why =
        fatal instanceof CategorizedException categorized
            ? categorized.text()
            : UserText.of(fatal == null ? "interrupted" : String.valueOf(fatal.getMessage()));
    return new TaskFailure(
        name,
        association,
        FailureCategory.ABORTED,
        why.around("not finished: the run stopped (", ")"));
  }

  private static <T> List<T> collect(List<CompletableFuture<T>> futures) {
    List<T> results = new ArrayList<>();
    for (CompletableFuture<T> future : futures) {
      try {
        results.add(future.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the pull", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("a pull task failed unexpectedly", e.getCause());
      }
    }
    return results;
  }
}
