package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.client.ApiResponse;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.client.Transport;
import dev.hubspotextract.sandbox.Sandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A number column's decimals count the rows a stopped run wrote too: the resumed run did not see
 * them being written, so it reads them back.
 */
class DecimalsAcrossResumeTest {
  @TempDir Path tmp;
  private Sandbox sandbox;

  @BeforeEach
  void start() {
    sandbox = Sandbox.builder().records(1_000).latencyMillis(0).start();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void decimalsSeenOnlyBeforeTheStopStillCount() {
    Path out = tmp.resolve("out");
    AtomicInteger pages = new AtomicInteger();
    // the first page carries the one amount with 5 decimals; the day ends at the third
    RunResult stopped =
        pull(
            out,
            real ->
                request -> {
                  if (!request.pathAndQuery().startsWith("/crm/v3/objects/deals?")) {
                    return real.send(request);
                  }
                  int page = pages.incrementAndGet();
                  if (page == 3) {
                    throw new HubSpotException(FailureCategory.RATE_LIMIT, "daily");
                  }
                  ApiResponse answer = real.send(request);
                  if (page > 1) {
                    return answer;
                  }
                  String body =
                      new String(answer.body(), StandardCharsets.UTF_8)
                          .replaceFirst("\"amount\":\"[^\"]*\"", "\"amount\":\"123.45678\"");
                  return new ApiResponse(
                      answer.status(), answer.headers(), body.getBytes(StandardCharsets.UTF_8));
                });
    RunResult resumed = pull(out, real -> real);

    assertThat(stopped.failures()).isNotEmpty();
    assertThat(resumed.failures()).isEmpty();
    assertThat(resumed.objects().get(0).decimals().get("amount"))
        .isEqualTo(new DecimalFit(6, 5, null));
  }

  private RunResult pull(Path out, UnaryOperator<Transport> wire) {
    HubSpotClient client = SandboxPulls.clientThrough(sandbox, wire);
    Plan plan =
        SandboxPulls.plan(
            client, SandboxPulls.objectsOnly(out, new ReadOptions(1, false), "deals"));
    return SandboxPulls.resumablePull(client, plan, 1);
  }
}
