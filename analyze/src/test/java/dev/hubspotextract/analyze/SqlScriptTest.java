package dev.hubspotextract.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A script of several statements, cut where {@code sql} runs them one by one. */
class SqlScriptTest {
  @Test
  void statementsEndAtSemicolonsOutsideQuotesAndComments() {
    assertThat(
            SqlScript.statements(
                "SELECT 'a;b', \"c;d\" ; SELECT E'it\\'s;' -- x;y\n;"
                    + " /* ; */ SELECT $$;$$, $t$;$t$;;  -- only a comment; here"))
        .containsExactly(
            "SELECT 'a;b', \"c;d\"", "SELECT E'it\\'s;' -- x;y", "/* ; */ SELECT $$;$$, $t$;$t$");
    assertThat(SqlScript.statements("SELECT 1;")).containsExactly("SELECT 1");
    assertThat(SqlScript.statements(" ; -- nothing")).isEmpty();
    assertThat(SqlScript.statements("SELECT 'it''s; fine'"))
        .containsExactly("SELECT 'it''s; fine'");
  }
}
