package dev.hubspotextract.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.cli.Cli;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BenchSyncCommandTest {
  private static final Pattern PULL =
      Pattern.compile(
          "\\[sync] full pull \\(the first sync, into an empty folder\\): exit 0 in [0-9.]+ s,"
              + " [0-9,]+ records in 13 objects, [0-9,]+ association rows; ([0-9,]+) requests"
              + " \\([0-9,]+ list pages, .*\\); load -?[0-9.]+");

  private static final Pattern SYNC =
      Pattern.compile(
          "\\[sync] default sync: exit 0 in [0-9.]+ s = [0-9.]+% of the pull's time; ([0-9,]+)"
              + " requests = [0-9.]+% of the pull's \\(target ≤ 3%\\): .*searches.*; load"
              + " -?[0-9.]+");

  @Test
  @Timeout(120)
  void aSmallRunPrintsEveryFigureAndADefaultSyncAsksLessThanThePull() {
    Cli.Run run = Cli.run("bench", "sync", "--records", "3000", "--search-lag", "100ms");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).matches("machine: [0-9]+ cores, .*load average .*");
    String pull = line(lines, PULL);
    String sync = line(lines, SYNC);
    assertThat(requests(sync, SYNC)).isLessThan(requests(pull, PULL));
    assertThat(lines)
        .anySatisfy(line -> assertThat(line).matches("\\[sync] change 1: 1% of every object: .*"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .matches(
                        "\\[sync] --verify-deletes: exit 0 in [0-9.]+ s, [0-9,]+ requests \\(.*\\);"
                            + " extra over the default sync of the same changes \\(which misses the"
                            + " deleted records\\): \\+[0-9,]+ requests = [0-9.]+% of the pull's,"
                            + " [-+][0-9.]+ s; load -?[0-9.]+"))
        .anySatisfy(line -> assertThat(line).startsWith("[sync] --full-associations: exit 0 in "))
        .anySatisfy( // --verify-deletes drops the one record per object change 2 deleted for good
            line ->
                assertThat(line)
                    .matches(
                        "\\[sync]   it printed: synced 13 objects .* archived, 13 deleted, .*"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .matches(
                        "\\[sync] check: the folder holds the sandbox's [0-9,]+ live records in all"
                            + " 13 objects"));
  }

  @Test
  void aPortalTooSmallToChangeThreeTimesIsAUsageError() {
    Cli.Run run = Cli.run("bench", "sync", "--records", "100");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("need --records ≥ 500");
  }

  private static String line(List<String> lines, Pattern pattern) {
    return lines.stream()
        .filter(line -> pattern.matcher(line).matches())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line like " + pattern + " in\n" + lines));
  }

  private static long requests(String line, Pattern pattern) {
    Matcher matcher = pattern.matcher(line);
    assertThat(matcher.matches()).isTrue();
    return Long.parseLong(matcher.group(1).replace(",", ""));
  }
}
