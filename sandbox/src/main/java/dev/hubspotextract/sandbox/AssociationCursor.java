package dev.hubspotextract.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code paging.next.after} of v4 association reads: opaque and percent-encoded, as HubSpot's
 * are (contract §17: {@code "after":"MC0yLTc1MDI%3D"} is base64 of {@code 0-2-7502}, then
 * percent-encoded). The payload here is {@code <toObjectTypeId>-<first target id of the next
 * page>}, padded so that every token ends in {@code =}, i.e. {@code %3D} on the wire.
 *
 * <p>Accepted back: the token exactly as sent, or once percent-decoded. HubSpot's own {@code link}
 * carries the token raw in a query string ({@code ?after=NTI1Cg%3D%3D}, spec {@code NextPage}
 * example), which any server decodes to {@code NTI1Cg==}, while the batch endpoint's body takes
 * {@code after} "sent back" as received (spec): both forms reach HubSpot from correct clients. A
 * token encoded twice ({@code %253D}) is refused with 400, never read as if it were right.
 */
final class AssociationCursor {
  private static final Base64.Encoder ENCODER = Base64.getEncoder();
  private static final Base64.Decoder DECODER = Base64.getDecoder();

  private AssociationCursor() {}

  /** The token pointing at {@code toId} (inclusive) among links to {@code to}. */
  static String encode(ObjectDef to, long toId) {
    String payload = to.objectTypeId + "-" + toId;
    if (payload.length() % 3 == 0) {
      payload += "-"; // a length divisible by 3 would encode without padding
    }
    // digits and '-' never encode to '+' or '/': percent-encoding touches only the padding
    String base64 = ENCODER.encodeToString(payload.getBytes(StandardCharsets.US_ASCII));
    return base64.replace("=", "%3D");
  }

  /**
   * The target id a token points at.
   *
   * @throws ApiException 400 for anything but a token of {@code to} as sent or once decoded
   */
  static long decode(ObjectDef to, String after, String fromLabel) {
    String text = after.trim();
    if (text.contains("%25")) {
      throw invalid(
          after,
          fromLabel,
          "it is percent-encoded twice: send back paging.next.after exactly as received");
    }
    String base64 = text.replace("%3D", "=").replace("%3d", "=");
    if (base64.indexOf('%') >= 0 || base64.isEmpty() || base64.length() % 4 != 0) {
      throw invalid(after, fromLabel, "send back the paging.next.after value of that input");
    }
    String payload;
    try {
      payload = new String(DECODER.decode(base64), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      throw invalid(after, fromLabel, "send back the paging.next.after value of that input");
    }
    String prefix = to.objectTypeId + "-";
    if (!payload.startsWith(prefix)) {
      throw invalid(
          after,
          fromLabel,
          "it is not a cursor of " + to.name + ": send back the paging.next.after of that input");
    }
    String id = payload.substring(prefix.length());
    if (id.endsWith("-")) {
      id = id.substring(0, id.length() - 1);
    }
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw invalid(after, fromLabel, "send back the paging.next.after value of that input");
    }
  }

  private static ApiException invalid(String after, String fromLabel, String fix) {
    return ApiException.validation(
        "Invalid 'after' cursor '" + after + "' for " + fromLabel + ": " + fix);
  }
}
