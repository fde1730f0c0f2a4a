package dev.hubspotextract.client;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Pattern;

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
          FailureCategory.AUTHENTICATION,
          UserText.of(
              "HubSpot rejected the access token ("
                  + status
                  + (category.isEmpty()
                      ? (status == 401 ? " INVALID_AUTHENTICATION" : "")
                      : category)
                  + ") while "
                  + doing
                  + ". Check the access token: a private app token starts with pat-.",
              Setting.ACCESS_TOKEN));
    }
    if (status == 403) {
      String scopes =
          error.scopes().isEmpty()
              ? "a scope for " + subject
              : (error.scopes().size() == 1 ? "the scope " : "one of the scopes ")
                  + String.join(", ", error.scopes());
      throw new HubSpotException(
          FailureCategory.PERMISSION,
          UserText.of(
              "HubSpot refused "
                  + doing
                  + " (403"
                  + category
                  + "): the access token lacks "
                  + scopes
                  + ". Add it to the private app's scopes in HubSpot, or leave "
                  + subject
                  + " out of the objects to pull and the association files.",
              Setting.OBJECTS,
              Setting.ASSOCIATIONS));
    }
    if (status == 414) {
      throw new HubSpotException(
          FailureCategory.EXTERNAL,
          "HubSpot refused " + doing + ": the request URL was too long (414).",
          status);
    }
    String detail =
        error.message() != null
            ? ": " + error.message()
            : error.excerpt() != null ? ", not JSON: \"" + error.excerpt() + "\"" : "";
    throw new HubSpotException(
        FailureCategory.EXTERNAL,
        "HubSpot refused " + doing + " (" + status + category + ")" + detail,
        status);
  }

  /**
   * Returns the response when it succeeded; a 403 is a {@link MissingScopeException} naming the
   * scope to add (the one the answer names, else {@code documentedScope}), for a call the run can
   * do without.
   *
   * @param what what the call reads, as in "owners"
   */
  static ApiResponse requireSuccessOrScope(
      ApiResponse response, String doing, String what, String documentedScope) {
    if (response.status() == 403) {
      ErrorBody error = ErrorBody.parse(response.body());
      String scope =
          error.scopes().isEmpty()
              ? documentedScope
              : ServerText.excerpt(error.scopes().get(0), 100);
      throw new MissingScopeException(
          scope,
          UserText.of(
              "HubSpot refused "
                  + doing
                  + " (403"
                  + (error.category() == null ? "" : " " + error.category())
                  + "): the access token lacks the scope "
                  + scope
                  + ". Add it to the private app's scopes in HubSpot to have "
                  + what
                  + "."));
    }
    return requireSuccess(response, doing, what);
  }

  /**
   * A 2xx answer whose body is not in HubSpot's shape: {@link FailureCategory#NOT_HUBSPOT}, saying
   * on one line what came instead (an HTML page, text that is not JSON, JSON of other types, with
   * the parser's words but not its excerpt of the body) and what the call was for.
   */
  static HubSpotException notHubSpot(String doing, byte[] body, Exception cause) {
    return new HubSpotException(
        FailureCategory.NOT_HUBSPOT,
        "it answered " + whatCame(body, cause) + " while " + doing,
        cause);
  }

  private static String whatCame(byte[] body, Exception cause) {
    int first = 0;
    while (first < body.length && Character.isWhitespace(body[first])) {
      first++;
    }
    if (first == body.length) {
      return "an empty body";
    }
    String excerpt = ErrorBody.excerpt(body);
    String quoted = excerpt == null ? "" : " (\"" + excerpt + "\")";
    if (body[first] == '<') {
      return "an HTML page" + quoted;
    }
    if (body[first] != '{' && body[first] != '[' && cause instanceof JsonParseException) {
      return "text that is not JSON" + quoted;
    }
    return "JSON not in HubSpot's shape (" + reason(cause) + ")";
  }

  /** Where a list or object cut short started, which Jackson says with a source description. */
  private static final Pattern START_MARKER =
      Pattern.compile("\\s*\\(start marker at \\[Source:.*?\\]\\)", Pattern.DOTALL);

  /** The parser's own words without the excerpt of the body it appends, then where it stopped. */
  private static String reason(Exception cause) {
    if (cause instanceof JsonProcessingException json) {
      JsonLocation at = json.getLocation();
      String words = START_MARKER.matcher(json.getOriginalMessage()).replaceAll("");
      return ErrorBody.oneLine(words, ErrorBody.MESSAGE_CHARS)
          + (at == null ? "" : ", line " + at.getLineNr() + ", column " + at.getColumnNr());
    }
    return ErrorBody.oneLine(String.valueOf(cause.getMessage()), ErrorBody.MESSAGE_CHARS);
  }
}
