package dev.hubspotextract.cli.bench;

import dev.hubspotextract.sandbox.PortalRecord;
import dev.hubspotextract.sandbox.Sandbox;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load generator: a few workers read a sandbox's contacts list pages back to back for a fixed
 * time, each from its own place in the portal, wrapping around at the end; counts pages, bytes,
 * errors and the CPU the whole process spent.
 */
final class ListPageLoad {
  /** What one run of the load achieved. */
  record Result(long pages, long bytes, long errors, long nanos, long cpuNanos) {}

  /** Opens one worker's reader. */
  interface Readers {
    PageReader open() throws IOException;
  }

  private final Sandbox sandbox;
  private final int workers;
  private final Readers readers;

  ListPageLoad(Sandbox sandbox, int workers, Readers readers) {
    this.sandbox = sandbox;
    this.workers = workers;
    this.readers = readers;
  }

  /** Runs the load for {@code during} (nothing when zero). */
  Result run(Duration during) throws Exception {
    if (during.isZero()) {
      return new Result(0, 0, 0, 1, 0);
    }
    AtomicLong pages = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long deadline = System.nanoTime() + during.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    long start = System.nanoTime();
    long cpuStart = processCpuNanos();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        String firstId = firstIdOfWorker(w);
        Callable<Void> worker =
            () -> {
              try (PageReader reader = readers.open()) {
                String after = firstId;
                while (System.nanoTime() < deadline) {
                  PageReader.Page page = reader.read(after);
                  if (page.status() != 200) {
                    errors.incrementAndGet();
                    continue;
                  }
                  pages.incrementAndGet();
                  bytes.addAndGet(page.bytes());
                  after = page.nextAfter();
                }
              }
              return null;
            };
        futures.add(pool.submit(worker));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new Result(
        pages.get(),
        bytes.get(),
        errors.get(),
        System.nanoTime() - start,
        processCpuNanos() - cpuStart);
  }

  /** Each worker starts at a different place in the portal. */
  private String firstIdOfWorker(int worker) {
    return sandbox
        .portal()
        .records("contacts")
        .skip((long) worker * 997)
        .findFirst()
        .map(PortalRecord::id)
        .orElse("0");
  }

  /** CPU time of this whole process (server and client threads), or -1 when the JVM cannot tell. */
  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
