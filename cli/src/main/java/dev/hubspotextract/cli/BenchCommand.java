package dev.hubspotextract.cli;

import dev.hubspotextract.sandbox.PortalProperty;
import dev.hubspotextract.sandbox.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hubspot-extract bench}: measurements that print figures; one subcommand per thing
 * measured.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measures the sandbox and the extractor and prints the figures.",
    subcommands = {BenchCommand.SandboxBench.class, BenchPullCommand.class})
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /**
   * {@code bench sandbox}: starts an embedded sandbox and drives list pages (100 records × 50
   * properties by default) from a few concurrent JDK HttpClient workers for a fixed time; prints
   * pages/s, MB/s, start-up time and heap.
   */
  @Command(
      name = "sandbox",
      mixinStandardHelpOptions = true,
      description =
          "Serves list pages from an embedded sandbox as fast as it can and prints pages/s and MB/s.")
  static final class SandboxBench implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--seconds",
        defaultValue = "10",
        converter = DurationText.class,
        description =
            "How long to measure: seconds, or a duration written 90s, 2m (default:"
                + " ${DEFAULT-VALUE}).")
    Duration seconds;

    @Option(
        names = "--warmup",
        defaultValue = "8",
        converter = DurationText.class,
        description =
            "Warm-up first: seconds, or a duration written 30s, 1m (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(
        names = "--workers",
        defaultValue = "4",
        description = "Concurrent HTTP workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(
        names = "--records",
        defaultValue = "100000",
        description = "Portal size in contacts (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(
        names = "--properties",
        defaultValue = "50",
        description = "Properties requested per record (default: ${DEFAULT-VALUE}).")
    int properties;

    @Option(
        names = "--client",
        defaultValue = "jdk",
        description =
            "jdk: JDK HttpClient workers (what an extractor uses); raw: minimal HTTP/1.1 socket workers that only"
                + " count bytes, to show the sandbox's own ceiling (default: ${DEFAULT-VALUE}).")
    String client;

    @Option(
        names = "--limit",
        defaultValue = "100",
        description = "Records per page (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (seconds.toSeconds() < 1
          || workers < 1
          || records < 1
          || properties < 6
          || limit < 1
          || limit > 100) {
        err.println(
            "hubspot-extract bench sandbox: need --seconds ≥ 1, --workers ≥ 1, --records ≥ 1,"
                + " --properties ≥ 6 and --limit between 1 and 100");
        err.flush();
        return ExitCode.USAGE.code();
      }
      System.gc();
      long heapBefore = usedHeap();
      long t0 = System.nanoTime();
      try (Sandbox sandbox =
          Sandbox.builder()
              .records(records)
              .contactProperties(Math.max(properties, 6))
              .recordRequests(0)
              .start()) {
        long startMillis = (System.nanoTime() - t0) / 1_000_000;
        List<PortalProperty> all = sandbox.portal().properties("contacts");
        String names =
            all.stream()
                .limit(properties)
                .map(PortalProperty::name)
                .collect(Collectors.joining(","));
        String base =
            sandbox.baseUrl() + "/crm/v3/objects/contacts?limit=" + limit + "&properties=" + names;
        HttpClient http =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(
                    Runnable::run) // no hand-offs: the client's selector thread delivers the body
                .build();
        out.printf(
            "sandbox: %,d contacts, started in %d ms; %d %s workers, %d records × %d properties per page%n",
            records, startMillis, workers, client, limit, properties);
        out.flush();
        run(http, sandbox, base, warmup);
        Result result = run(http, sandbox, base, seconds);
        System.gc();
        long heapAfter = usedHeap();
        double pagesPerSecond = result.pages / (result.nanos / 1e9);
        double mbPerSecond = result.bytes / (result.nanos / 1e9) / 1_000_000.0;
        out.printf(
            "pages/s: %,.0f   MB/s: %,.1f   records/s: %,.0f   avg page: %,d bytes   errors: %d%n",
            pagesPerSecond,
            mbPerSecond,
            pagesPerSecond * limit,
            result.pages == 0 ? 0 : result.bytes / result.pages,
            result.errors);
        if (result.cpuNanos > 0 && result.pages > 0) {
          double cpuPerPage = result.cpuNanos / 1e6 / result.pages;
          int cores = Runtime.getRuntime().availableProcessors();
          out.printf(
              "CPU per page (sandbox + client together): %.3f ms → %,.0f pages/s if this process had all %d cores"
                  + " (load average now %.1f)%n",
              cpuPerPage,
              cores * 1000 / cpuPerPage,
              cores,
              ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        out.printf(
            "heap used after GC: %,d MB (before start %,d MB); max heap %,d MB%n",
            heapAfter / 1_000_000,
            heapBefore / 1_000_000,
            Runtime.getRuntime().maxMemory() / 1_000_000);
        out.flush();
        return result.errors == 0 ? ExitCode.OK.code() : ExitCode.INTERNAL.code();
      }
    }

    private static long usedHeap() {
      return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private record Result(long pages, long bytes, long errors, long nanos, long cpuNanos) {}

    /**
     * CPU time of this whole process (server and client threads), or -1 when the JVM cannot tell.
     */
    private static long processCpuNanos() {
      if (ManagementFactory.getOperatingSystemMXBean()
          instanceof com.sun.management.OperatingSystemMXBean os) {
        return os.getProcessCpuTime();
      }
      return -1;
    }

    private Result run(HttpClient http, Sandbox sandbox, String base, Duration during)
        throws Exception {
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
          // each worker starts at a different place in the portal and wraps around at the end
          long firstId =
              sandbox
                  .portal()
                  .records("contacts")
                  .skip((long) w * 997)
                  .findFirst()
                  .map(r -> Long.parseLong(r.id()))
                  .orElse(0L);
          futures.add(
              pool.submit(
                  () ->
                      client.equals("raw")
                          ? driveRaw(sandbox, base, firstId, deadline, pages, bytes, errors)
                          : drive(http, sandbox, base, firstId, deadline, pages, bytes, errors)));
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

    private static Void drive(
        HttpClient http,
        Sandbox sandbox,
        String base,
        long firstId,
        long deadline,
        AtomicLong pages,
        AtomicLong bytes,
        AtomicLong errors)
        throws InterruptedException {
      String after = Long.toString(firstId);
      while (System.nanoTime() < deadline) {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(base + "&after=" + after))
                .header("Authorization", "Bearer " + sandbox.token())
                .build();
        try {
          HttpResponse<CountingBody> response =
              http.send(
                  request, HttpResponse.BodyHandlers.fromSubscriber(new CountingBody(), s -> s));
          if (response.statusCode() != 200) {
            errors.incrementAndGet();
            continue;
          }
          CountingBody body = response.body();
          pages.incrementAndGet();
          bytes.addAndGet(body.count);
          after = body.nextAfter();
        } catch (IOException e) {
          errors.incrementAndGet();
        }
      }
      return null;
    }

    /**
     * A minimal HTTP/1.1 keep-alive client over a socket, hand-written because its point is to cost
     * almost nothing: it isolates the sandbox's serving cost from the JDK HttpClient's (which is
     * measured by {@code --client jdk}).
     */
    private static Void driveRaw(
        Sandbox sandbox,
        String base,
        long firstId,
        long deadline,
        AtomicLong pages,
        AtomicLong bytes,
        AtomicLong errors)
        throws IOException {
      URI uri = URI.create(base);
      String pathAndQuery = uri.getRawPath() + "?" + uri.getRawQuery();
      byte[] body = new byte[1 << 20];
      try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
        socket.setTcpNoDelay(true);
        java.io.OutputStream out = socket.getOutputStream();
        java.io.DataInputStream in =
            new java.io.DataInputStream(
                new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16));
        String after = Long.toString(firstId);
        StringBuilder line = new StringBuilder();
        while (System.nanoTime() < deadline) {
          out.write(
              ("GET "
                      + pathAndQuery
                      + "&after="
                      + after
                      + " HTTP/1.1\r\nHost: "
                      + uri.getHost()
                      + "\r\nAuthorization: Bearer "
                      + sandbox.token()
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          int status = 0;
          int length = -1;
          for (boolean first = true; ; first = false) {
            line.setLength(0);
            for (int c; (c = in.read()) != '\n'; ) {
              if (c < 0) {
                throw new IOException("connection closed");
              }
              if (c != '\r') {
                line.append((char) c);
              }
            }
            if (line.length() == 0) {
              break;
            }
            String header = line.toString();
            if (first) {
              status = Integer.parseInt(header.substring(9, 12));
            } else if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
              length = Integer.parseInt(header.substring(15).trim());
            }
          }
          if (length > body.length) {
            body = new byte[length];
          }
          in.readFully(body, 0, Math.max(0, length));
          if (status != 200) {
            errors.incrementAndGet();
            continue;
          }
          pages.incrementAndGet();
          bytes.addAndGet(length);
          String end =
              new String(
                  body, Math.max(0, length - 300), Math.min(300, length), StandardCharsets.UTF_8);
          int at = end.endsWith("\"}}}") ? end.lastIndexOf("after=") : -1;
          after = at < 0 ? "0" : end.substring(at + 6, end.length() - 4);
        }
      }
      return null;
    }

    /**
     * Consumes a page without parsing it: counts the bytes and keeps the last few hundred, where
     * the cursor is (a page ends with {@code …"link":"…&after=<id>"}}}} unless it is the last one).
     */
    private static final class CountingBody implements Flow.Subscriber<List<ByteBuffer>> {
      private final byte[] tail = new byte[512];
      private int tailLength;
      long count;

      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer b : buffers) {
          int n = b.remaining();
          count += n;
          if (n >= tail.length) {
            b.position(b.limit() - tail.length);
            b.get(tail, 0, tail.length);
            tailLength = tail.length;
          } else {
            int keep = Math.min(tailLength, tail.length - n);
            System.arraycopy(tail, tailLength - keep, tail, 0, keep);
            b.get(tail, keep, n);
            tailLength = keep + n;
          }
        }
      }

      @Override
      public void onError(Throwable throwable) {}

      @Override
      public void onComplete() {}

      String nextAfter() {
        String end = new String(tail, 0, tailLength, StandardCharsets.UTF_8);
        int at = end.endsWith("\"}}}") ? end.lastIndexOf("after=") : -1;
        return at < 0 ? "0" : end.substring(at + 6, end.length() - 4);
      }
    }
  }
}
