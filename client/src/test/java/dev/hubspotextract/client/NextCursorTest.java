package dev.hubspotextract.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NextCursorTest {
  private static String peek(String body) {
    return NextCursor.peek(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheCursorFromTheTailOfAPage() {
    assertThat(peek("{\"results\":[{\"id\":\"1\"}],\"paging\":{\"next\":{\"after\":\"2\"}}}"))
        .isEqualTo("2");
    assertThat(
            peek(
                "{\"results\":[],\"paging\" : {\n \"next\" : {\"link\":\"?after=NTI1Cg%3D%3D\","
                    + " \"after\":\"NTI1Cg%3D%3D\"}}}"))
        .isEqualTo("NTI1Cg%3D%3D");
  }

  @Test
  void namesNoCursorOnTheLastPageOrWhenTheTailHoldsNone() {
    assertThat(peek("{\"results\":[{\"id\":\"1\"}]}")).isNull();
    assertThat(peek("{\"results\":[],\"paging\":{\"prev\":{\"before\":\"1\"}}}")).isNull();
    assertThat(peek("{\"results\":[{\"id\":\"1\",\"properties\":{\"paging\":\"x\"}}]}")).isNull();
    assertThat(peek("{\"results\":[],\"paging\":{\"next\":{\"after\":\"2\"")).isNull(); // cut short
    assertThat(peek("")).isNull();
  }

  @Test
  void looksOnlyAtTheTailSoALongPageCostsNothingExtra() {
    String page =
        "{\"paging\":{\"next\":{\"after\":\"2\"}},\"results\":[\"" + "x".repeat(10_000) + "\"]}";

    assertThat(peek(page)).isNull(); // found by the full parse instead
  }
}
