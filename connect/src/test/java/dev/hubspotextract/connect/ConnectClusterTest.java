package dev.hubspotextract.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.hubspotextract.sandbox.ChangeSet;
import dev.hubspotextract.sandbox.Sandbox;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The connector on a real Connect runtime: two workers and a broker in this JVM, two portals (the
 * sandbox) side by side, each its own connector. One portal's backfill survives losing the worker
 * that ran its task, and then follows the portal's changes; every topic, read to its end with
 * tombstones applied, ends exactly the portal.
 */
class ConnectClusterTest {
  private static final String CONNECTOR_CLASS = "dev.hubspotextract.connect.HubSpotSourceConnector";

  /** Long enough for a lost worker's task to move, a backfill to end, a change to arrive. */
  private static final Duration CONVERGES = Duration.ofSeconds(30);

  private static final List<String> ACME_OBJECTS = List.of("contacts", "companies", "deals");
  private static final List<String> ACME_PAIRS = List.of("deals:companies", "deals:contacts");
  private static final List<String> GLOBEX_OBJECTS = List.of("companies", "deals");
  private static final List<String> GLOBEX_PAIRS = List.of("deals:companies");

  private static EmbeddedConnectCluster cluster;
  private static CompactedTopics topics;

  @BeforeAll
  static void startCluster() {
    // mutable: the cluster adds its own settings to the map it is given
    Map<String, String> workerProps = new HashMap<>();
    // a lost worker's task moves after this long, not the default five minutes
    workerProps.put("scheduled.rebalance.max.delay.ms", "3000");
    workerProps.put("offset.flush.interval.ms", "500");
    // the embedded cluster's default is StringConverter, which would write a Struct's toString
    workerProps.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    workerProps.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    cluster =
        new EmbeddedConnectCluster.Builder()
            .name("hubspot-connect")
            .numWorkers(2)
            .numBrokers(1)
            .workerProps(workerProps)
            .build();
    cluster.start();
    topics = new CompactedTopics(cluster.kafka());
  }

  @AfterAll
  static void stopCluster() {
    if (topics != null) {
      topics.close();
    }
    if (cluster != null) {
      cluster.stop();
    }
  }

  @Test
  @Timeout(120)
  void topicsEndAsThePortalThroughALostWorkerAndChanges() throws Exception {
    long start = System.nanoTime();
    // slow enough answers that the backfill takes seconds: a worker can be lost in the middle
    try (Sandbox acme =
            Sandbox.builder()
                .records(2000)
                .seed(7)
                .latencyMillis(50)
                .searchLag(Duration.ofMillis(300))
                .start();
        Sandbox globex = Sandbox.builder().records(400).seed(8).start()) {
      PortalTopics acmeTopics = new PortalTopics("acme", ACME_OBJECTS, ACME_PAIRS);
      PortalTopics globexTopics = new PortalTopics("globex", GLOBEX_OBJECTS, GLOBEX_PAIRS);
      cluster.configureConnector("acme", config(acme, "acme", ACME_OBJECTS, ACME_PAIRS));
      cluster.configureConnector("globex", config(globex, "globex", GLOBEX_OBJECTS, GLOBEX_PAIRS));

      // mid-backfill: the first records are in, far from all of them
      String contacts = "acme.contacts";
      long portalContacts = acme.portal().count("contacts");
      await(
          () -> topics.size(contacts) > 0 ? "" : "no contact in " + contacts + " yet",
          CONVERGES,
          "the backfill's first records");
      long before = topics.size(contacts);
      assertThat(before)
          .as(
              "contacts written when the worker is stopped: mid-backfill, so the sandbox must be"
                  + " slower or larger if this fails")
          .isLessThan(portalContacts);

      String lost = taskWorker("acme").orElseThrow();
      WorkerHandle worker =
          cluster.workers().stream()
              .filter(w -> lost.endsWith(":" + w.url().getPort()))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError("no worker " + lost + " in " + cluster.workers()));
      // still mid-backfill as the worker goes, or the move would test nothing
      assertThat(topics.size(contacts))
          .as("contacts written as the worker is stopped: the sandbox must be slower or larger")
          .isLessThan(portalContacts);
      cluster.removeWorker(worker);
      await(
          () -> {
            Optional<String> now = taskWorker("acme");
            return now.isPresent() && !now.get().equals(lost)
                ? ""
                : "acme's task not running again elsewhere than " + lost + ": " + status("acme");
          },
          CONVERGES,
          "the task on the other worker");

      await(() -> acmeTopics.differences(acme.portal(), topics), CONVERGES, "acme's backfill");
      System.out.printf(
          "acme backfilled through a lost worker: %.1f s since the connectors started%n",
          (System.nanoTime() - start) / 1e9);

      acme.portal()
          .apply(
              List.of(
                  ChangeSet.of("contacts").create(20).update(30).archive(10).delete(5).relink(15),
                  ChangeSet.of("deals").update(10).archive(5).delete(3).relink(10),
                  ChangeSet.of("companies").create(5).archive(3)));
      await(() -> acmeTopics.differences(acme.portal(), topics), CONVERGES, "acme's changes");

      await(
          () -> globexTopics.differences(globex.portal(), topics),
          CONVERGES,
          "globex's backfill beside acme's");
      System.out.printf(
          "ConnectClusterTest: both portals converged %.1f s after the connectors started%n",
          (System.nanoTime() - start) / 1e9);
    }
  }

  /**
   * A connector's config as the README gives it, on a sandbox, every pass a verify and full one.
   */
  private static Map<String, String> config(
      Sandbox sandbox, String prefix, List<String> objects, List<String> pairs) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", CONNECTOR_CLASS);
    config.put("tasks.max", "1");
    config.put("topic.prefix", prefix);
    config.put("hubspot.base.url", sandbox.baseUrl().toString());
    config.put("hubspot.access.token", sandbox.token());
    config.put("hubspot.objects", String.join(",", objects));
    config.put("hubspot.associations", String.join(",", pairs));
    // the sandbox enforces no limit here: pace only lightly
    config.put("hubspot.rate.limit", "1000");
    config.put("poll.interval.ms", "1000");
    // hard deletes and removed links show only in these passes: make every pass one
    config.put("hubspot.deletes.verify.interval.ms", "1");
    config.put("hubspot.associations.full.reread.interval.ms", "1");
    config.put("readback.bootstrap.servers", cluster.kafka().bootstrapServers());
    config.put("topic.creation.default.cleanup.policy", "compact");
    config.put("topic.creation.default.partitions", "1");
    config.put("topic.creation.default.replication.factor", "1");
    return config;
  }

  /** The worker id of the connector's task while it runs. */
  private static Optional<String> taskWorker(String connector) {
    ConnectorStateInfo status = status(connector);
    if (status == null || status.tasks().isEmpty()) {
      return Optional.empty();
    }
    ConnectorStateInfo.TaskState task = status.tasks().get(0);
    if ("FAILED".equals(task.state())) {
      fail("the task of " + connector + " failed: " + task.trace());
    }
    return "RUNNING".equals(task.state()) ? Optional.of(task.workerId()) : Optional.empty();
  }

  private static ConnectorStateInfo status(String connector) {
    try {
      return cluster.connectorStatus(connector);
    } catch (RuntimeException e) {
      return null; // not known to the worker asked yet, or that worker is leaving
    }
  }

  /** Polls until {@code differences} says none, or fails with the last ones after the deadline. */
  private static void await(Supplier<String> differences, Duration deadline, String what)
      throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    String last = differences.get();
    while (!last.isEmpty()) {
      if (System.nanoTime() > end) {
        fail("waited " + deadline.toSeconds() + " s for " + what + "; still:\n" + last);
      }
      Thread.sleep(250);
      last = differences.get();
    }
  }
}
