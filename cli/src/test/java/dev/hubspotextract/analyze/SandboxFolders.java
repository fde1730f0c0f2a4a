package dev.hubspotextract.analyze;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubspotextract.cli.Cli;
import dev.hubspotextract.extract.ReferenceTable;
import dev.hubspotextract.sandbox.Portal;
import dev.hubspotextract.sandbox.RateLimitTier;
import dev.hubspotextract.sandbox.Sandbox;
import dev.hubspotextract.sandbox.SandboxBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One sandbox portal and the folders {@code pull} writes of it, for the tests of what sql and join
 * make of a real pull: started once per test class ({@code @BeforeAll}), closed after it.
 */
final class SandboxFolders implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<SandboxBuilder> portal;
  private final Sandbox sandbox;
  private final Path dir;
  private final String objects;
  private final List<String> options;

  private SandboxFolders(
      Supplier<SandboxBuilder> portal, Path dir, String objects, List<String> options) {
    this.portal = portal;
    this.sandbox = portal.get().start();
    this.dir = dir;
    this.objects = objects;
    this.options = options;
  }

  /**
   * A sandbox of {@code records} records per object generated from {@code seed}, unthrottled, of
   * which every pull into {@code dir} writes {@code objects} with {@code options} (e.g. {@code
   * --associations deals:line_items}).
   */
  static SandboxFolders start(Path dir, int records, long seed, String objects, String... options) {
    Supplier<SandboxBuilder> portal =
        () ->
            Sandbox.builder()
                .port(0)
                .token("pat-na1-" + UUID.randomUUID())
                .records(records)
                .seed(seed)
                .latencyMillis(0)
                .rateLimit(RateLimitTier.OFF);
    return new SandboxFolders(portal, dir, objects, List.of(options));
  }

  /** The portal's own data, to check the folders against. */
  Portal portal() {
    return sandbox.portal();
  }

  /** Pulls into the folder {@code name} with {@code extra} options besides the class's. */
  Path pull(String name, String... extra) {
    Path out = dir.resolve(name);
    List<String> all = new ArrayList<>(options);
    all.addAll(List.of(extra));
    Cli.pullObjects(sandbox, out, objects, all.toArray(String[]::new));
    return out;
  }

  /**
   * Pulls into a folder named after {@code format} ({@code csv}, {@code parquet}, {@code duckdb}).
   */
  Path pullAs(String format) {
    return pull(format, "--format", format);
  }

  /**
   * Pulls into the folder {@code name}, as {@link #pull} does, from the same portal served to a
   * token that lacks the scopes of {@code scopes} ({@code owners}, {@code tickets}, …): a pull that
   * skips the reference tables those scopes give.
   */
  Path pullWithoutScopes(String name, Set<String> scopes) {
    Path out = dir.resolve(name);
    try (Sandbox lacking = portal.get().withoutScopes(scopes).start()) {
      Cli.pullObjects(lacking, out, objects, options.toArray(String[]::new));
    }
    return out;
  }

  /**
   * Pulls into the folder {@code name} and makes it one an earlier version wrote, before the
   * reference tables: their files gone, and no {@code references} in its {@code manifest.json}.
   */
  Path pullAsAnEarlierVersion(String name) throws IOException {
    Path out = pull(name);
    for (ReferenceTable table : ReferenceTable.values()) {
      Files.delete(out.resolve(table.file()));
    }
    Path manifest = out.resolve("manifest.json");
    ObjectNode written = (ObjectNode) JSON.readTree(manifest.toFile());
    written.remove("references");
    JSON.writerWithDefaultPrettyPrinter().writeValue(manifest.toFile(), written);
    return out;
  }

  /** The first row of {@code sql}'s answer over a pulled folder, as {@code sql} reads it. */
  static List<Object> firstRow(Path folder, String sql) throws SQLException {
    try (PulledDatabase db = PulledDatabase.open(PulledFolder.open(folder));
        Statement statement = db.connection().createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      List<Object> values = new ArrayList<>();
      for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
        values.add(rows.getObject(i));
      }
      return values;
    }
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
