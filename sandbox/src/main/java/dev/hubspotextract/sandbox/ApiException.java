package dev.hubspotextract.sandbox;

import java.util.List;
import java.util.Map;

/** A HubSpot-shaped error answer, thrown by a policy or endpoint and written by the server. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String category;
  final String subCategory;
  final Map<String, List<String>> context;
  final List<Map<String, Object>> errors;

  ApiException(int status, String category, String message) {
    this(status, category, null, message, Map.of(), List.of());
  }

  ApiException(
      int status,
      String category,
      String subCategory,
      String message,
      Map<String, List<String>> context,
      List<Map<String, Object>> errors) {
    super(message, null, false, false);
    this.status = status;
    this.category = category;
    this.subCategory = subCategory;
    this.context = context;
    this.errors = errors;
  }

  static ApiException validation(String message) {
    return new ApiException(400, "VALIDATION_ERROR", message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, "OBJECT_NOT_FOUND", message);
  }
}
