package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.client.ApiRequest;
import dev.hubspotextract.client.ApiResponse;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.sandbox.RecordedRequest;
import dev.hubspotextract.sandbox.Sandbox;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large object read by several list cursors, each seeded with {@code after={id}} on a range of
 * its ids: the file is byte for byte the one a single cursor writes, and a server that does not
 * honour the seeds, or fails a seeded cursor, costs speed, never rows.
 */
class RangeCursorsTest {
  @TempDir Path tmp;
  private Sandbox sandbox;
  private byte[] oneCursor;

  @BeforeEach
  void start() throws Exception {
    sandbox = Sandbox.builder().records(3_000).latencyMillis(2).recordRequests(20_000).start();
    Path single = tmp.resolve("single");
    assertThat(pullContacts(single, 1, request -> request, Optional.empty()).failures()).isEmpty();
    oneCursor = Files.readAllBytes(single.resolve("contacts.csv"));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void severalCursorsWriteExactlyTheFileOneCursorWrites() throws Exception {
    Path out = tmp.resolve("split");
    int before = sandbox.requests().size();

    RunResult result = pullContacts(out, 4, request -> request, Optional.empty());

    assertThat(result.failures()).isEmpty();
    assertThat(Files.readAllBytes(out.resolve("contacts.csv"))).isEqualTo(oneCursor);
    PortalChecks.objectFileMatchesPortal(out, sandbox.portal(), "contacts", Long.MAX_VALUE);
    List<RecordedRequest> requests = sandbox.requests().subList(before, sandbox.requests().size());
    assertThat(requests.stream().filter(r -> r.path().endsWith("/search")))
        .as("one search for the highest id")
        .hasSize(1);
    assertThat(seeds).as("cursors started at ids no page named").hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void aServerThatIgnoresTheSeedsCostsSpeedNotRows() throws Exception {
    Path out = tmp.resolve("ignored");
    AtomicInteger ignored = new AtomicInteger();

    RunResult result =
        pullContacts(
            out,
            4,
            request -> {
              if (seedOf(request.pathAndQuery()).isEmpty()) {
                return request;
              }
              ignored.incrementAndGet(); // the first page again, as if after were not there
              return new ApiRequest(
                  request.method(),
                  request.pathAndQuery().replaceAll("&after=[^&]*", ""),
                  request.headers(),
                  request.body());
            },
            Optional.empty());

    assertThat(result.failures()).isEmpty();
    assertThat(ignored).hasPositiveValue();
    assertThat(Files.readAllBytes(out.resolve("contacts.csv"))).isEqualTo(oneCursor);
  }

  @Test
  void aSeededCursorThatFailsHandsItsRangeBackToTheFirst() throws Exception {
    Path out = tmp.resolve("failing");
    AtomicInteger refused = new AtomicInteger();

    RunResult result =
        pullContacts(
            out,
            4,
            request -> request,
            Optional.of(
                request -> {
                  if (seedOf(request.pathAndQuery()).isPresent()
                      && refused.getAndIncrement() == 1) {
                    return new ApiResponse(
                        400,
                        Map.of(),
                        "{\"message\":\"not here\"}".getBytes(StandardCharsets.UTF_8));
                  }
                  return null;
                }));

    assertThat(result.failures()).isEmpty();
    assertThat(refused.get()).isGreaterThan(1);
    assertThat(Files.readAllBytes(out.resolve("contacts.csv"))).isEqualTo(oneCursor);
  }

  @Test
  void withoutSearchTheObjectIsReadByOneCursor() throws Exception {
    Path out = tmp.resolve("no-search");

    RunResult result =
        pullContacts(
            out,
            4,
            request -> request,
            Optional.of(
                request ->
                    request.path().endsWith("/search")
                        ? new ApiResponse(
                            403,
                            Map.of(),
                            "{\"category\":\"MISSING_SCOPES\"}".getBytes(StandardCharsets.UTF_8))
                        : null));

    assertThat(result.failures()).isEmpty();
    assertThat(Files.readAllBytes(out.resolve("contacts.csv"))).isEqualTo(oneCursor);
  }

  /** The {@code after} of a list request when no page named it: a seed, not a page's cursor. */
  private Optional<String> seedOf(String pathAndQuery) {
    Matcher after = AFTER.matcher(pathAndQuery);
    if (!pathAndQuery.startsWith("/crm/v3/objects/contacts?") || !after.find()) {
      return Optional.empty();
    }
    String cursor = URLDecoder.decode(after.group(1), StandardCharsets.UTF_8);
    return named.contains(cursor) ? Optional.empty() : Optional.of(cursor);
  }

  private static final Pattern AFTER = Pattern.compile("[?&]after=([^&]*)");
  private static final Pattern NEXT = Pattern.compile("\"after\":\"([^\"]*)\"");

  /** Every cursor a list page named, and every seed: recorded by {@link #pullContacts}. */
  private final Set<String> named = ConcurrentHashMap.newKeySet();

  private final List<String> seeds = new CopyOnWriteArrayList<>();

  /**
   * Pulls contacts through a wire that may rewrite a request, or answer one itself (a non-null
   * answer), before the sandbox sees it.
   */
  private RunResult pullContacts(
      Path out,
      int cursors,
      UnaryOperator<ApiRequest> rewrite,
      Optional<Function<ApiRequest, ApiResponse>> answer) {
    HubSpotClient client =
        SandboxPulls.clientThrough(
            sandbox,
            wire ->
                request -> {
                  seedOf(request.pathAndQuery()).ifPresent(seeds::add);
                  ApiResponse own = answer.map(a -> a.apply(request)).orElse(null);
                  ApiResponse response = own != null ? own : wire.send(rewrite.apply(request));
                  Matcher next = NEXT.matcher(new String(response.body(), StandardCharsets.UTF_8));
                  while (next.find()) { // records' own association paging names no list cursor
                    named.add(next.group(1));
                  }
                  return response;
                });
    Plan plan =
        SandboxPulls.plan(
            client, SandboxPulls.objectsOnly(out, new ReadOptions(cursors, false), "contacts"));
    return SandboxPulls.pull(client, plan, 2);
  }
}
