package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubspotextract.client.DataSensitivity;
import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.extract.AssociationSelection;
import dev.hubspotextract.extract.ExtractException;
import dev.hubspotextract.extract.ObjectCatalog;
import dev.hubspotextract.extract.ObjectType;
import dev.hubspotextract.extract.PullRequest;
import dev.hubspotextract.extract.ReadOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The pull's flags become one checked request; a bad value is met with its flag and the fix. */
class RequestFlagsTest {
  /** The request {@code pull} makes of these arguments. */
  private static PullRequest request(String... args) {
    PullCommand command = new PullCommand();
    new CommandLine(command).parseArgs(args);
    return command.requestFlags().toRequest();
  }

  @Test
  void theOriginalConnectorsDefaultObjectListParsesWithItsNotesDotTasksTypo() {
    PullRequest request =
        request(
            "--object_list",
            "contacts,companies,deals,tickets,products,line_items,quotes,feedback_submissions,"
                + "calls,emails,meetings,notes.tasks");

    assertThat(request.objects())
        .containsExactlyElementsOf(ObjectCatalog.STANDARD.stream().map(ObjectType::name).toList());
  }

  @Test
  void noFlagsAskForEveryObjectRecordAndPropertyWithTheDefaultPairs() {
    PullRequest request = request();

    assertThat(request.objects()).isEmpty();
    assertThat(request.associations()).isEqualTo(new AssociationSelection.Defaults());
    assertThat(request.properties()).isEmpty();
    assertThat(request.recordLimit()).isEmpty();
    assertThat(request.sensitivity()).isEmpty();
    assertThat(request.reads()).isEqualTo(ReadOptions.DEFAULT);
    assertThat(request.outDir()).isEqualTo(Path.of("out"));
  }

  @Test
  void everyFlagLandsInItsPlaceOfTheRequest() {
    PullRequest request =
        request(
            "--objects",
            "Contact;deals",
            "--properties",
            "email firstname",
            "--count",
            "25",
            "--sensitive",
            "--cursors",
            "1",
            "--search-walk",
            "--out",
            "pulled");

    assertThat(request.objects()).containsExactly("Contact", "deals");
    assertThat(request.properties()).containsExactly("email", "firstname");
    assertThat(request.recordLimit()).isEqualTo(OptionalLong.of(25));
    assertThat(request.sensitivity()).containsExactly(DataSensitivity.SENSITIVE);
    assertThat(request.reads()).isEqualTo(new ReadOptions(1, true));
    assertThat(request.outDir()).isEqualTo(Path.of("pulled"));
  }

  @Test
  void theOriginalConnectorsPairComesFirstThenTheListedOnes() {
    assertThat(request("--associations", "NONE").associations())
        .isEqualTo(new AssociationSelection.None());
    assertThat(
            request(
                    "--object_type", "deals",
                    "--to_object_type", "companies",
                    "--association_id_list", "101,102",
                    "--associations", "contacts:companies, deals:contacts")
                .associations())
        .isEqualTo(
            new AssociationSelection.Listed(
                List.of(
                    new AssociationSelection.Pair("deals", "companies", List.of("101", "102")),
                    new AssociationSelection.Pair("contacts", "companies", List.of()),
                    new AssociationSelection.Pair("deals", "contacts", List.of()))));
    assertThat(
            request(
                    "--object_type",
                    "deals",
                    "--to_object_type",
                    "companies",
                    "--associations",
                    "none")
                .associations())
        .as("none adds no pair to the original connector's")
        .isEqualTo(
            new AssociationSelection.Listed(
                List.of(new AssociationSelection.Pair("deals", "companies", List.of()))));
  }

  @Test
  void aBadValueNamesItsFlagAndHowToFixIt() {
    Map<List<String>, List<String>> expected =
        Map.of(
            List.of("--count", "0"), List.of("--count must be at least 1, got 0"),
            List.of("--cursors", "17"), List.of("--cursors must be between 1 and 16, got 17"),
            List.of("--object_type", "deals"),
                List.of("--object_type and --to_object_type go together", "or neither"),
            List.of("--association_id_list", "1"),
                List.of("--association_id_list needs --object_type and --to_object_type"),
            List.of(
                    "--object_type",
                    "deals",
                    "--to_object_type",
                    "companies",
                    "--association_id_list",
                    "x1"),
                List.of("--association_id_list takes record ids (digits), got 'x1'"),
            List.of("--associations", "deals-companies"),
                List.of("--associations takes from:to pairs", "got 'deals-companies'"),
            List.of("--objects", ",,,"), List.of("--objects ',,,' names nothing: give"),
            List.of("--objects", "contacts,compnies"),
                List.of(
                    "--objects / --object_list: unknown object 'compnies': did you mean"
                        + " companies?"),
            List.of("--associations", "deals:tickts"),
                List.of("--associations: unknown object 'tickts': did you mean tickets?"),
            List.of("--object_type", "deal", "--to_object_type", "compnies"),
                List.of("--to_object_type: unknown object 'compnies': did you mean companies?"));
    expected.forEach(
        (args, message) ->
            assertThatThrownBy(() -> request(args.toArray(String[]::new)))
                .as(String.join(" ", args))
                .isInstanceOfSatisfying(
                    ExtractException.class,
                    e -> assertThat(e.category()).isEqualTo(FailureCategory.USAGE))
                .message()
                .contains(message));
  }
}
