package dev.hubspotextract.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubspotextract.extract.ExtractException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** The small parsers and filters between what a user or a server types and the tool. */
class CommandLineInputsTest {
  @Test
  void sizesAreReadInTheUnitsPeopleWrite() {
    ByteSize size = new ByteSize();
    assertThat(size.convert("256MiB")).isEqualTo(256L << 20);
    assertThat(size.convert("1 gib")).isEqualTo(1L << 30);
    assertThat(size.convert("500MB")).isEqualTo(500_000_000L);
    assertThat(size.convert("1048576")).isEqualTo(1_048_576L);
    for (String bad : List.of("0", "-5MiB", "10QB", "lots", "9999999999999TiB")) {
      assertThatThrownBy(() -> size.convert(bad))
          .as(bad)
          .isInstanceOf(TypeConversionException.class);
    }
  }

  @Test
  void durationsAreReadInTheUnitsPeopleWrite() {
    DurationText duration = new DurationText();
    assertThat(duration.convert("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(duration.convert("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(duration.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(duration.convert("1 MIN")).isEqualTo(Duration.ofMinutes(1));
    assertThat(duration.convert("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(duration.convert("1.5s")).isEqualTo(Duration.ofMillis(1_500));
    assertThat(duration.convert("120")).isEqualTo(Duration.ofSeconds(120));
    assertThat(DurationText.parse("50", ChronoUnit.MILLIS)).isEqualTo(Duration.ofMillis(50));
    for (String bad : List.of("", "-1s", "5x", "1d", "0.0001s", "soon", "1h30m")) {
      assertThatThrownBy(() -> duration.convert(bad))
          .as(bad)
          .isInstanceOf(TypeConversionException.class);
    }
  }

  @Test
  void aBaseUrlIsHttpsOrPlainHttpToThisMachineJudgedWithoutALookup() {
    List<String> warnings = new ArrayList<>();
    assertThat(BaseUrl.parse("HTTPS://api.hubapi.com", false, warnings::add).getHost())
        .isEqualTo("api.hubapi.com");
    for (String local : List.of("http://127.0.0.1:8080", "http://LOCALHOST:1", "http://[::1]:1")) {
      assertThat(BaseUrl.parse(local, false, warnings::add).getScheme())
          .isEqualToIgnoringCase("http");
    }
    for (String remote : List.of("http://localhost.:1", "http://10.0.0.1", "http://x.test")) {
      assertThatThrownBy(() -> BaseUrl.parse(remote, false, warnings::add))
          .as(remote)
          .isInstanceOf(ExtractException.class)
          .hasMessageContaining("--insecure-http");
    }
    for (String odd :
        List.of("127.0.0.1:8080", "ftp://x", "api.hubapi.com", "http://", "http://127.999.1.1:1")) {
      assertThatThrownBy(() -> BaseUrl.parse(odd, false, warnings::add))
          .as(odd)
          .isInstanceOf(ExtractException.class)
          .hasMessageContaining("--base-url");
    }
    assertThat(warnings).isEmpty();
  }

  @Test
  void printedTextKeepsItsLinesButNoControlCharacterOrBidiOverride() {
    StringWriter out = new StringWriter();
    PrintWriter printer = new PrintWriter(new PrintableWriter(out), true);

    printer.print("a\tb\r\n");
    printer.print("\u001b]0;title\u0007 \r \u202egnp.exe\n");
    printer.flush();

    assertThat(out.toString()).isEqualTo("a\tb\r\n\\u001b]0;title\\u0007 \\u000d \\u202egnp.exe\n");
  }
}
