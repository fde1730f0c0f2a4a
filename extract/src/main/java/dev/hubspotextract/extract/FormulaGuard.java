package dev.hubspotextract.extract;

/**
 * Keeps a spreadsheet from running a cell as a formula, the way OWASP's "CSV Injection" page says:
 * a cell that begins with {@code =}, {@code +}, {@code -}, {@code @}, tab or CR (and LF, which some
 * spreadsheets skip before a formula) gets a single quote in front, which Excel reads as "this is
 * text" and does not show. A value of a {@code number} column that is a plain number ({@code
 * -12.50}) is left alone, so negative amounts stay numbers. A value that itself begins with a quote
 * gets one more, so {@link #unguard} gives back exactly what HubSpot sent: every reader of an
 * {@code "excel": true} folder (sql, join, a future sync) drops one leading quote from every cell.
 */
public final class FormulaGuard {
  /** What marks a guarded cell. */
  public static final char QUOTE = '\'';

  private FormulaGuard() {}

  /** The cell to write for {@code value}, guarded if a spreadsheet would run it. */
  public static String guard(String value, boolean numberColumn) {
    if (value == null || value.isEmpty() || !startsDangerously(value.charAt(0))) {
      return value;
    }
    if (numberColumn && NumberText.isPlainNumber(value)) {
      return value;
    }
    return QUOTE + value;
  }

  /** The value a cell written by {@link #guard} holds. */
  public static String unguard(String cell) {
    return cell != null && !cell.isEmpty() && cell.charAt(0) == QUOTE ? cell.substring(1) : cell;
  }

  private static boolean startsDangerously(char first) {
    return switch (first) {
      case '=', '+', '-', '@', '\t', '\r', '\n', QUOTE -> true;
      default -> false;
    };
  }
}
