package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubspotextract.analyze.AnalyzeException;
import dev.hubspotextract.analyze.OutputFormat;
import dev.hubspotextract.analyze.PullHint;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.Setting;
import dev.hubspotextract.client.UserText;
import dev.hubspotextract.extract.ExtractException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line names each setting by a flag it has, and shows what the client, the engine and
 * the analysis say of a setting with that flag beside their words.
 */
class FlagsTest {
  private static final Pattern FLAG = Pattern.compile("--[a-z][a-z_-]*");

  /** The commands whose failures name settings: the ones that pull or read a pulled folder. */
  private static final List<String> COMMANDS = List.of("pull", "sql", "join");

  @Test
  void everySettingHasAFlagThatACommandDeclares() {
    CommandLine main = Main.commandLine(new StringWriter(), new StringWriter());
    Set<String> declared = new TreeSet<>();
    for (String command : COMMANDS) {
      for (OptionSpec option : main.getSubcommands().get(command).getCommandSpec().options()) {
        declared.addAll(List.of(option.names()));
      }
    }

    for (Setting setting : Setting.values()) {
      List<String> flags =
          FLAG.matcher(Flags.of(setting)).results().map(MatchResult::group).toList();
      assertThat(flags).as("the flags of %s", setting).isNotEmpty();
      assertThat(declared).as("options of %s, for %s", COMMANDS, setting).containsAll(flags);
    }
  }

  @Test
  void theFlagFollowsTheLastWordsThatNameItsSetting() {
    UserText taken =
        UserText.of(
            "cannot use /tmp/x as the output folder: it is a file. Choose another output folder.",
            Setting.OUTPUT_FOLDER);

    assertThat(Flags.show(taken))
        .isEqualTo(
            "cannot use /tmp/x as the output folder: it is a file. Choose another output folder"
                + " (--out).");
  }

  @Test
  void eachSettingNamedGetsItsFlagInAnyCase() {
    UserText twoSettings =
        UserText.of(
            "Start over to discard it, or choose another Output Folder.",
            Setting.RESTART,
            Setting.OUTPUT_FOLDER);

    assertThat(Flags.show(twoSettings))
        .isEqualTo(
            "Start over (--restart) to discard it, or choose another Output Folder (--out).");
  }

  @Test
  void aTextThatDoesNotSayItsSettingsWordsStillShowsTheFlag() {
    assertThat(Flags.show(UserText.of("the limit was passed", Setting.MAX_BODY_SIZE)))
        .isEqualTo("the limit was passed (--max-body-size)");
    assertThat(Flags.show(UserText.of("no setting here"))).isEqualTo("no setting here");
  }

  @Test
  void aFailureShowsTheFlagsOfTheSettingsItCarries() {
    ExtractException failure =
        new ExtractException(
            FailureCategory.OUTPUT,
            UserText.of("choose another output folder", Setting.OUTPUT_FOLDER));

    assertThat(Flags.show(failure)).isEqualTo("choose another output folder (--out)");
  }

  @Test
  void aPullTheAnalysisSuggestsIsShownAsTheCommandToRun() {
    PullHint pull =
        new PullHint(
            Path.of("out"),
            List.of("deals", "tickets"),
            List.of("deals:tickets"),
            OutputFormat.DUCKDB);
    AnalyzeException missing =
        new AnalyzeException(UserText.of("out/deals_tickets not found: " + pull.words()), pull);

    assertThat(missing.getMessage())
        .isEqualTo(
            "out/deals_tickets not found: pull deals, tickets with the association pair"
                + " deals:tickets into out as duckdb");
    assertThat(Flags.show(missing))
        .isEqualTo(
            "out/deals_tickets not found: run ./hubspot-extract pull --objects deals,tickets"
                + " --associations deals:tickets --format duckdb --out out");
    assertThat(
            Flags.pullCommand(new PullHint(Path.of("x"), List.of(), List.of(), OutputFormat.CSV)))
        .isEqualTo("./hubspot-extract pull --out x");
  }
}
