package dev.hubspotextract.connect;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A HubSpot portal's CRM as compacted topics: one per object, association pair, reference table and
 * property history, backfilled, then kept up to date as the CLI's sync keeps a folder.
 *
 * <p>One task whatever {@code tasks.max}: HubSpot's request budget is the portal's, and one task
 * with the engine's client uses it all, as one CLI process does; split across tasks, a dead
 * worker's share would idle. Portals scale out as connectors, which Connect spreads over workers.
 */
public final class HubSpotSourceConnector extends SourceConnector {
  private static final Logger LOG = LoggerFactory.getLogger(HubSpotSourceConnector.class);

  private Map<String, String> props;

  @Override
  public String version() {
    return Version.get();
  }

  @Override
  public void start(Map<String, String> props) {
    HubSpotSourceConfig config = new HubSpotSourceConfig(props); // fails on a bad setting
    this.props = Map.copyOf(props);
    String policy = props.get("topic.creation.default.cleanup.policy");
    if (policy != null && !policy.trim().equals("compact")) {
      LOG.warn(
          "topic.creation.default.cleanup.policy is {}: the topics of {} converge to the portal's"
              + " state only when compacted; set it to compact",
          policy,
          config.topicPrefix());
    }
  }

  @Override
  public Class<? extends Task> taskClass() {
    return HubSpotSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    if (maxTasks > 1) {
      LOG.info(
          "tasks.max is {}, but one task reads a portal: HubSpot's request budget is the"
              + " portal's, and one task uses it all. Run one connector per portal.",
          maxTasks);
    }
    return List.of(props);
  }

  @Override
  public void stop() {
    // nothing held: the task does the reading
  }

  @Override
  public ConfigDef config() {
    return HubSpotSourceConfig.CONFIG_DEF;
  }

  /**
   * Every key's own checks, and the rule across keys, said on the key to change; a read-back
   * without a key.converter of the connector's own is warned of in the log (JSON is right for most
   * workers).
   */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config config = super.validate(connectorConfigs);
    HubSpotSourceConfig.keyConverterWarning(connectorConfigs).ifPresent(LOG::warn);
    HubSpotSourceConfig.crossKeyProblem(connectorConfigs)
        .ifPresent(
            problem -> {
              for (ConfigValue value : config.configValues()) {
                if (value.name().equals(HubSpotSourceConfig.READBACK_BOOTSTRAP_SERVERS)) {
                  value.addErrorMessage(problem);
                }
              }
            });
    return config;
  }
}
