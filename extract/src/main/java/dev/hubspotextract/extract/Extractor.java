package dev.hubspotextract.extract;

import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a {@link Plan}: every object first (a few at a time), then every association file (whose ids
 * come from the finished object files). A failure confined to one object (a missing scope) fails
 * that object only; a failure that dooms the rest (a rejected token, the daily limit, HubSpot
 * unreachable, an unwritable folder) stops the run.
 */
public final class Extractor {
  private final HubSpotClient client;
  private final Clock clock;
  private final int threads;
  private final StatusListener listener;

  public Extractor(HubSpotClient client, Clock clock, int threads, StatusListener listener) {
    this.client = Objects.requireNonNull(client, "client is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.threads = threads;
    this.listener = Objects.requireNonNull(listener, "listener is null");
  }

  public RunResult run(Plan plan) {
    Instant startedAt = clock.instant();
    RunControl control = new RunControl();
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            runnable -> {
              Thread thread = new Thread(runnable, "pull-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<TaskResult>> objectTasks = new ArrayList<>();
      for (PlannedObject object : plan.objects()) {
        ObjectTask task = new ObjectTask(object, plan.maxRecords(), plan.outDir());
        objectTasks.add(
            pool.submit(
                () ->
                    runTask(
                        object.type().name(),
                        false,
                        control,
                        counted -> task.run(counted, control, listener))));
      }
      List<TaskResult> objects = collect(objectTasks);

      Map<String, TaskResult> byName = new HashMap<>();
      objects.forEach(result -> byName.put(result.name(), result));
      for (TaskFailure failure : plan.failedObjects()) {
        byName.put(failure.subject(), new TaskResult(failure.subject(), false, 0, 0, 0, failure));
      }
      List<Future<TaskResult>> pairTasks = new ArrayList<>();
      for (AssociationPair pair : plan.pairs()) {
        TaskResult from = byName.get(pair.from().name());
        if (from != null && !from.completed() && pair.fromIds().isEmpty()) {
          TaskResult skipped =
              new TaskResult(
                  pair.name(),
                  true,
                  0,
                  0,
                  0,
                  new TaskFailure(
                      pair.name(),
                      true,
                      from.failure().kind(),
                      "not written: " + pair.from().name() + " failed"));
          pairTasks.add(CompletableFuture.completedFuture(skipped));
          if (!from.failure().kind().equals("aborted")) {
            listener.taskFinished(skipped);
          }
          continue;
        }
        Path fromCsv =
            from == null || !pair.fromIds().isEmpty()
                ? null
                : plan.outDir().resolve(pair.from().name() + ".csv");
        AssociationTask task = new AssociationTask(pair, fromCsv, plan.maxRecords(), plan.outDir());
        pairTasks.add(
            pool.submit(
                () ->
                    runTask(
                        pair.name(),
                        true,
                        control,
                        counted -> task.run(counted, control, listener))));
      }
      List<TaskResult> pairs = collect(pairTasks);
      return new RunResult(plan, startedAt, clock.instant(), objects, pairs, control.fatal());
    } finally {
      pool.shutdownNow();
    }
  }

  /** One task's body, given a client that counts its calls. */
  @FunctionalInterface
  private interface Body {
    long run(HubSpotClient counted) throws IOException;
  }

  private TaskResult runTask(String name, boolean association, RunControl control, Body body) {
    long start = System.nanoTime();
    LongAdder calls = new LongAdder();
    TaskFailure failure = null;
    long rows = 0;
    if (control.fatal() != null) {
      failure = aborted(name, association, control);
    } else {
      try {
        rows = body.run(client.counting(calls));
      } catch (RunControl.Aborted e) {
        failure = aborted(name, association, control);
      } catch (HubSpotException e) {
        if (RunControl.isFatal(e)) {
          control.abort(e);
        }
        failure =
            new TaskFailure(
                name, association, e.category().name().toLowerCase(Locale.ROOT), e.getMessage());
      } catch (IOException | UncheckedIOException e) {
        ExtractException output =
            new ExtractException(
                ExtractException.Kind.OUTPUT,
                "cannot write "
                    + name
                    + " to "
                    + "the output folder"
                    + ": "
                    + OutputFolder.reason(e instanceof UncheckedIOException u ? u.getCause() : e),
                e);
        control.abort(output);
        failure = new TaskFailure(name, association, "output", output.getMessage());
      } catch (RuntimeException e) {
        failure =
            new TaskFailure(
                name, association, "internal", "internal error: " + e + " (please report it)");
      }
    }
    TaskResult result =
        new TaskResult(
            name, association, rows, calls.sum(), (System.nanoTime() - start) / 1e9, failure);
    if (failure == null || !failure.kind().equals("aborted")) {
      listener.taskFinished(result);
    }
    return result;
  }

  private static TaskFailure aborted(String name, boolean association, RunControl control) {
    RuntimeException fatal = control.fatal();
    return new TaskFailure(
        name,
        association,
        "aborted",
        "not finished: the run stopped ("
            + (fatal == null ? "interrupted" : fatal.getMessage())
            + ")");
  }

  private static List<TaskResult> collect(List<Future<TaskResult>> futures) {
    List<TaskResult> results = new ArrayList<>();
    for (Future<TaskResult> future : futures) {
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
