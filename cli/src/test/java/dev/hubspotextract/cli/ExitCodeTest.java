package dev.hubspotextract.cli;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.analyze.AnalyzeException;
import dev.hubspotextract.analyze.LabelGap;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.client.UserText;
import dev.hubspotextract.extract.ExtractException;
import dev.hubspotextract.extract.ReferenceTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every failure category has an exit code, and the README's exit-code table (read from README.md
 * itself) says what {@link ExitCode#of(FailureCategory)} does.
 */
class ExitCodeTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern TABLE_ROW = Pattern.compile("^\\| (\\d+) \\| (.+) \\|$");

  /** What the README's row for each category's exit code says of that category. */
  private static final Map<FailureCategory, String> README_SAYS =
      Map.ofEntries(
          entry(FailureCategory.USAGE, "usage: bad flag or value"),
          entry(FailureCategory.AUTHENTICATION, "HubSpot rejected the access token"),
          entry(FailureCategory.PERMISSION, "a missing scope"),
          entry(FailureCategory.RATE_LIMIT, "its daily limit is used up"),
          entry(FailureCategory.TRANSIENT, "the connection kept failing"),
          entry(FailureCategory.EXTERNAL, "the first three objects all failed the same way"),
          entry(FailureCategory.NOT_HUBSPOT, "does not look like HubSpot's API"),
          entry(FailureCategory.OUTPUT, "the output folder cannot be created or written"),
          entry(FailureCategory.INTERNAL, "internal error"),
          entry(FailureCategory.ABORTED, "interrupted"));

  @Test
  void theReadmeTableListsExactlyTheExitCodesTheToolHas() throws IOException {
    assertThat(readmeExitCodes().keySet())
        .containsExactlyElementsOf(
            Arrays.stream(ExitCode.values()).map(ExitCode::code).sorted().toList());
  }

  @Test
  void anAnswerLackingLabelsIsPartialWhateverTheGapsCause() {
    LabelGap scope =
        new LabelGap(
            List.of(ReferenceTable.OWNERS),
            FailureCategory.PERMISSION,
            UserText.of("no owner names: the access token lacks a scope"),
            Optional.empty());
    LabelGap older =
        new LabelGap(
            List.of(ReferenceTable.PROPERTIES),
            FailureCategory.USAGE,
            UserText.of("no option labels: pulled by an earlier version"),
            Optional.empty());

    assertThat(ExitCode.ofAnswerLacking(List.of())).isEqualTo(ExitCode.OK);
    assertThat(ExitCode.ofAnswerLacking(List.of(scope))).isEqualTo(ExitCode.PARTIAL);
    assertThat(ExitCode.ofAnswerLacking(List.of(older))).isEqualTo(ExitCode.PARTIAL);
    assertThat(ExitCode.ofAnswerLacking(List.of(older, scope))).isEqualTo(ExitCode.PARTIAL);
    // the code of the missing scope that most often causes a gap
    assertThat(ExitCode.of(FailureCategory.PERMISSION)).isEqualTo(ExitCode.PARTIAL);
  }

  @Test
  void everyCategoryExitsWithTheCodeWhoseReadmeRowDescribesIt() throws IOException {
    Map<Integer, String> table = readmeExitCodes();
    assertThat(README_SAYS)
        .as("what the README says of each category")
        .hasSameSizeAs(FailureCategory.values());
    for (FailureCategory category : FailureCategory.values()) {
      int code = ExitCode.of(category).code();
      assertThat(table.get(code))
          .as("README row for exit %d, the code of %s", code, category)
          .contains(README_SAYS.get(category));
    }
  }

  @Test
  void eachModulesExceptionExitsByItsCategory() {
    assertThat(ExitCode.of(new HubSpotException(FailureCategory.RATE_LIMIT, "daily limit")))
        .isEqualTo(ExitCode.DAILY_LIMIT);
    assertThat(ExitCode.of(new ExtractException(FailureCategory.OUTPUT, "read-only folder")))
        .isEqualTo(ExitCode.OUTPUT);
    assertThat(ExitCode.of(new AnalyzeException("no table dealz"))).isEqualTo(ExitCode.USAGE);
    assertThat(ExitCode.of(new IllegalStateException("a bug"))).isEqualTo(ExitCode.INTERNAL);
  }

  @Test
  void theManifestDescriptionNamesEveryFailureKind() throws IOException {
    Matcher kinds =
        Pattern.compile("failure kinds are ((?:`[a-z_]+`,?\\s+)+and `[a-z_]+`)")
            .matcher(String.join(" ", Files.readAllLines(README)));
    assertThat(kinds.find()).as("the README's list of failure kinds").isTrue();
    List<String> listed =
        Pattern.compile("`([a-z_]+)`")
            .matcher(kinds.group(1))
            .results()
            .map(match -> match.group(1))
            .toList();
    assertThat(listed)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(FailureCategory.values()).map(FailureCategory::label).toList());
  }

  /** The rows of the table under the README's {@code **Exit codes**}: code to meaning. */
  private static Map<Integer, String> readmeExitCodes() throws IOException {
    List<String> lines = Files.readAllLines(README);
    int start = lines.indexOf("**Exit codes** (the same for every command)");
    assertThat(start).as("the README's exit-code table").isNotNegative();
    return lines.subList(start + 1, lines.size()).stream()
        .dropWhile(line -> !line.startsWith("|"))
        .takeWhile(line -> line.startsWith("|"))
        .map(TABLE_ROW::matcher)
        .filter(Matcher::matches)
        .collect(
            Collectors.toMap(
                row -> Integer.parseInt(row.group(1)),
                row -> row.group(2),
                (a, b) -> {
                  throw new AssertionError("exit code listed twice: " + a + " / " + b);
                },
                TreeMap::new));
  }
}
