package dev.hubspotextract.client;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Turns a final non-2xx answer into a {@link HubSpotException} that says what failed and how to fix
 * it.
 */
final class Responses {
  private Responses() {}

  /**
   * Returns the response when it succeeded.
   *
   * @param doing what the call was for, as in "listing tickets"
   * @param subject the object or pair it concerns, named in the 403 advice
   */
  static ApiResponse requireSuccess(ApiResponse response, String doing, String subject) {
    if (response.isSuccess()) {
      return response;
    }
    ErrorBody error = ErrorBody.parse(response.body());
    int status = response.status();
    String category = error.category() == null ? "" : " " + error.category();
    if (status == 401 || status == 530) {
      // 530: HubSpot's edge answers a malformed token so, not 401 (hubspot-api.md §17)
      throw new HubSpotException(
          HubSpotException.Category.AUTHENTICATION,
          "HubSpot rejected the access token ("
              + status
              + (category.isEmpty() ? (status == 401 ? " INVALID_AUTHENTICATION" : "") : category)
              + ") while "
              + doing
              + ". Check HUBSPOT_ACCESS_TOKEN / --token: a private app token starts with pat-.");
    }
    if (status == 403) {
      String scopes =
          error.scopes().isEmpty()
              ? "a scope for " + subject
              : (error.scopes().size() == 1 ? "the scope " : "one of the scopes ")
                  + String.join(", ", error.scopes());
      throw new HubSpotException(
          HubSpotException.Category.PERMISSION,
          "HubSpot refused "
              + doing
              + " (403"
              + category
              + "): the access token lacks "
              + scopes
              + ". Add it to the private app's scopes in HubSpot, or leave "
              + subject
              + " out of --objects / --associations.");
    }
    if (status == 414) {
      throw new HubSpotException(
          HubSpotException.Category.EXTERNAL,
          "HubSpot refused " + doing + ": the request URL was too long (414).");
    }
    String detail =
        error.message() != null
            ? ": " + error.message()
            : error.excerpt() != null ? ", not JSON: \"" + error.excerpt() + "\"" : "";
    throw new HubSpotException(
        HubSpotException.Category.EXTERNAL,
        "HubSpot refused " + doing + " (" + status + category + ")" + detail);
  }

  /**
   * A 2xx answer whose body could not be read as HubSpot's shape. The message is one line: the
   * parser's own words without the excerpt of the body it appends, then where it stopped.
   */
  static HubSpotException badBody(String doing, Exception cause) {
    String reason;
    if (cause instanceof JsonProcessingException json) {
      JsonLocation at = json.getLocation();
      reason =
          ErrorBody.oneLine(json.getOriginalMessage(), ErrorBody.MESSAGE_CHARS)
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    } else {
      reason = ErrorBody.oneLine(String.valueOf(cause.getMessage()), ErrorBody.MESSAGE_CHARS);
    }
    return new HubSpotException(
        HubSpotException.Category.EXTERNAL,
        "HubSpot sent a response we could not read while " + doing + ": " + reason,
        cause);
  }
}
