package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.sandbox.Sandbox;
import dev.hubspotextract.testing.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class SandboxCommandTest {
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--records | lots | --records': 'lots' is not a long",
        "--port | 70000 | --port': port must be between 0 and 65535, got 70000",
        "--rate-limit | gold | --rate-limit': unknown rate-limit tier 'gold'",
        "--faults | 5xx=2 | --faults': fault rate for 5xx must be between 0 and 1",
        "--faults | boom=0.1 | --faults': unknown fault kind 'boom'",
        "--contact-properties | 3 | --contact-properties': contact properties must be between 6",
        "--without-scope | widgets | --without-scope: unknown object 'widgets'",
        "--broken | widgets | --broken: unknown object 'widgets'",
        "--without-scope | widgets.sensitive | --without-scope: unknown object 'widgets'",
        "--faults | stuck-cursor=lots | --faults': bad fault rate 'lots' for stuck-cursor",
        "--churn | fast | --churn': 'fast' is not a double",
        "--churn | 20000 | --churn': churn must be between 0 and 10000 per second",
        "--search-lag | soon | --search-lag': 'soon' is not a duration: write e.g. 90s, 30m, 1h",
        "--search-lag | -1 | --search-lag': '-1' is not a duration",
        "--search-lag | 2d | --search-lag': '2d' is not a duration",
        "--search-lag | 25h | --search-lag': search lag must be between 0 and 24 hours",
        "--latency | 11m | --latency': latency must be between 0 and 10 minutes",
        "--max-url-length | 10 | --max-url-length': max request line length must be at least 64",
        "--daily-limit | 100 | --daily-limit: needs a --rate-limit tier",
        "--time-zone | Mars/Olympus | --time-zone': unknown time zone 'Mars/Olympus'",
        "--token | '' | --token': token must be a non-empty string without spaces"
      })
  void aBadOptionValueGetsOneLineNamingTheOptionAndExitCode2(
      String option, String value, String message) {
    Cli.Run run =
        option.equals("--port")
            ? Cli.run("sandbox", option, value)
            : Cli.run("sandbox", "--port", "0", option, value);
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().lines().toList()).as(run.toString()).hasSize(1);
    assertThat(run.err()).contains(message);
  }

  @Test
  @Timeout(30) // without the rule the command would serve until stopped
  void aNonLoopbackHostWithoutATokenIsRefusedWithExitCode2AskingForOne() {
    Cli.Run run = Cli.run("sandbox", "--port", "0", "--host", "0.0.0.0");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().lines().toList()).as(run.toString()).hasSize(1);
    assertThat(run.err()).contains("--host 0.0.0.0 serves other machines").contains("pass --token");
  }

  @Test
  void aNonLoopbackHostServesWithATokenOfItsOwn() throws Exception {
    SandboxCommand command = new SandboxCommand();
    new CommandLine(command)
        .parseArgs("--port", "0", "--records", "40", "--host", "0.0.0.0", "--token", "pat-na1-own");
    try (Sandbox sandbox = command.builder().start()) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/crm/v3/objects/contacts"))
                      .header("Authorization", "Bearer pat-na1-own")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void searchLagIsTwoSecondsUnlessToldAndTakesFractionsOfASecond() {
    SandboxCommand lagging = new SandboxCommand();
    new CommandLine(lagging).parseArgs("--port", "0", "--records", "10");
    try (Sandbox sandbox = lagging.builder().start()) {
      assertThat(sandbox.searchLag()).isEqualTo(Duration.ofSeconds(2));
    }
    SandboxCommand quick = new SandboxCommand();
    new CommandLine(quick).parseArgs("--port", "0", "--records", "10", "--search-lag", "0.25");
    try (Sandbox sandbox = quick.builder().start()) {
      assertThat(sandbox.searchLag()).isEqualTo(Duration.ofMillis(250));
    }
    SandboxCommand written = new SandboxCommand();
    new CommandLine(written).parseArgs("--port", "0", "--records", "10", "--search-lag", "1m");
    try (Sandbox sandbox = written.builder().start()) {
      assertThat(sandbox.searchLag()).isEqualTo(Duration.ofMinutes(1));
    }
  }

  @Test
  void theCommandPrintsItsBaseUrlAndTokenAndServesUntilStopped() throws Exception {
    Cli.Serving serving =
        Cli.serve("sandbox", "--port", "0", "--records", "40", "--token", "pat-na1-cli-test");
    String baseUrl = serving.sandbox().baseUrl().toString();
    assertThat(serving.out())
        .contains("Base URL: " + baseUrl)
        .contains("Token:    pat-na1-cli-test");

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/crm/v3/objects/contacts?limit=2"))
                    .header("Authorization", "Bearer pat-na1-cli-test")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);

    Cli.Run stopped = serving.stop();
    assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(0);
    assertThat(stopped.out()).contains("Stopped after 1 requests.");
  }

  @Test
  void aDailyLimitGivenOnTheCommandLineAnswers429DailyOnceUsedUp() throws Exception {
    SandboxCommand command = new SandboxCommand();
    new CommandLine(command)
        .parseArgs(
            "--port", "0", "--records", "40", "--rate-limit", "starter", "--daily-limit", "2");
    try (Sandbox sandbox = command.builder().start()) {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest list =
          HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/crm/v3/objects/contacts"))
              .header("Authorization", "Bearer " + sandbox.token())
              .build();
      for (int i = 0; i < 2; i++) {
        assertThat(http.send(list, HttpResponse.BodyHandlers.ofString()).statusCode())
            .isEqualTo(200);
      }
      HttpResponse<String> third = http.send(list, HttpResponse.BodyHandlers.ofString());

      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(third.body()).contains("\"policyName\":\"DAILY\"");
    }
  }

  @Test
  void brokenObjectsGivenOnTheCommandLineAnswer500ForTheirRecordsOnly() throws Exception {
    SandboxCommand command = new SandboxCommand();
    new CommandLine(command)
        .parseArgs("--port", "0", "--records", "40", "--broken", "feedback_submissions, tickets");
    try (Sandbox sandbox = command.builder().start()) {
      assertThat(get(sandbox, "/crm/v3/objects/feedback_submissions").statusCode()).isEqualTo(500);
      assertThat(get(sandbox, "/crm/v3/objects/tickets").statusCode()).isEqualTo(500);
      assertThat(get(sandbox, "/crm/v3/properties/tickets").statusCode()).isEqualTo(200);
      assertThat(get(sandbox, "/crm/v3/objects/contacts").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aSensitiveScopeLeftOutOnTheCommandLineAnswers403ForThoseProperties() throws Exception {
    SandboxCommand command = new SandboxCommand();
    new CommandLine(command)
        .parseArgs("--port", "0", "--records", "40", "--without-scope", "contacts.sensitive");
    try (Sandbox sandbox = command.builder().start()) {
      HttpResponse<String> refused =
          get(sandbox, "/crm/v3/objects/contacts?properties=email,passport_number");
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("crm.objects.contacts.sensitive.read.v2");
      assertThat(get(sandbox, "/crm/v3/objects/contacts?properties=email").statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void aSecondlyLimitWithoutARateLimitTierGetsOneLineAndExitCode2() {
    Cli.Run run = Cli.run("sandbox", "--port", "0", "--secondly-limit");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().lines().toList()).as(run.toString()).hasSize(1);
    assertThat(run.err()).contains("--secondly-limit: needs a --rate-limit tier");
  }

  @Test
  void associationReadsCountedOnTheCommandLineSpendTheWindowAndNeedATier() throws Exception {
    Cli.Run run = Cli.run("sandbox", "--port", "0", "--association-reads-counted");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("--association-reads-counted: needs a --rate-limit tier");

    SandboxCommand command = new SandboxCommand();
    new CommandLine(command)
        .parseArgs(
            "--port",
            "0",
            "--records",
            "40",
            "--rate-limit",
            "free",
            "--association-reads-counted");
    try (Sandbox sandbox = command.builder().start()) {
      HttpResponse<String> read = associationRead(sandbox);
      assertThat(read.headers().firstValue("X-HubSpot-RateLimit-Remaining")).hasValue("99");
    }
  }

  @Test
  void aSecondlyLimitGivenOnTheCommandLineAnswersTheEleventhRequestInASecondOnFree()
      throws Exception {
    SandboxCommand command = new SandboxCommand();
    new CommandLine(command)
        .parseArgs("--port", "0", "--records", "40", "--rate-limit", "free", "--secondly-limit");
    Clock still = Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC);
    try (Sandbox sandbox = command.builder().clock(still).start()) {
      for (int i = 0; i < 10; i++) {
        HttpResponse<String> ok = get(sandbox, "/crm/v3/objects/contacts");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("X-HubSpot-RateLimit-Secondly")).hasValue("10");
      }
      HttpResponse<String> eleventh = get(sandbox, "/crm/v3/objects/contacts");
      assertThat(eleventh.statusCode()).isEqualTo(429);
      assertThat(eleventh.body()).contains("\"policyName\":\"SECONDLY\"");
    }
  }

  @Test
  void aSecondlyLimitOfAllCountsAssociationReadsAndAnUnknownReadingIsNamed() throws Exception {
    SandboxCommand command = new SandboxCommand();
    new CommandLine(command)
        .parseArgs(
            "--port", "0", "--records", "40", "--rate-limit", "free", "--secondly-limit=all");
    Clock still = Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC);
    try (Sandbox sandbox = command.builder().clock(still).start()) {
      for (int i = 0; i < 10; i++) {
        assertThat(associationRead(sandbox).statusCode()).isIn(200, 207);
      }
      assertThat(get(sandbox, "/crm/v3/objects/contacts").statusCode()).isEqualTo(429);
    }

    Cli.Run run =
        Cli.run("sandbox", "--port", "0", "--rate-limit", "free", "--secondly-limit=most");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("--secondly-limit': unknown value 'most'").contains("window");
  }

  @Test
  void theTimeZoneGivenOnTheCommandLineMovesTheDailyReset() throws Exception {
    SandboxCommand command = new SandboxCommand();
    new CommandLine(command)
        .parseArgs(
            "--port",
            "0",
            "--records",
            "40",
            "--rate-limit",
            "starter",
            "--daily-limit",
            "1",
            "--time-zone",
            "Asia/Tokyo");
    ManualClock clock = new ManualClock(Instant.parse("2026-05-01T14:30:00Z"));
    try (Sandbox sandbox = command.builder().clock(clock).start()) {
      assertThat(get(sandbox, "/crm/v3/objects/contacts").statusCode()).isEqualTo(200);
      assertThat(get(sandbox, "/crm/v3/objects/contacts").statusCode()).isEqualTo(429);
      clock.set(Instant.parse("2026-05-01T15:00:00Z")); // midnight in Tokyo, not in New York
      assertThat(get(sandbox, "/crm/v3/objects/contacts").statusCode()).isEqualTo(200);
    }
  }

  /** A v4 association batch read of one deal's companies. */
  private static HttpResponse<String> associationRead(Sandbox sandbox) throws Exception {
    String id = sandbox.portal().records("deals").findFirst().orElseThrow().id();
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    sandbox.baseUrl().resolve("/crm/v4/associations/deals/companies/batch/read"))
                .header("Authorization", "Bearer " + sandbox.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\":[{\"id\":\"" + id + "\"}]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(Sandbox sandbox, String pathAndQuery) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + sandbox.token())
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
