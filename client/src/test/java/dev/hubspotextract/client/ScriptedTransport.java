package dev.hubspotextract.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A hand-written fake wire: answers from a script (or a function) and records every request. */
final class ScriptedTransport implements Transport {
  final List<ApiRequest> requests = new ArrayList<>();
  private final Deque<Object> script = new ArrayDeque<>();
  private Function<ApiRequest, ApiResponse> answer;

  ScriptedTransport then(int status, String body) {
    script.add(json(status, body, Map.of()));
    return this;
  }

  ScriptedTransport then(ApiResponse response) {
    script.add(response);
    return this;
  }

  ScriptedTransport thenFail(HubSpotException failure) {
    script.add(failure);
    return this;
  }

  ScriptedTransport answering(Function<ApiRequest, ApiResponse> answer) {
    this.answer = answer;
    return this;
  }

  static ApiResponse json(int status, String body, Map<String, String> headers) {
    Map<String, List<String>> all = new java.util.HashMap<>();
    all.put("Content-Type", List.of("application/json;charset=utf-8"));
    headers.forEach((name, value) -> all.put(name, List.of(value)));
    return new ApiResponse(status, all, body.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public ApiResponse send(ApiRequest request) {
    Object next;
    synchronized (this) {
      requests.add(request);
      next = script.poll();
    }
    if (next instanceof HubSpotException failure) {
      throw failure;
    }
    if (next != null) {
      return (ApiResponse) next;
    }
    if (answer != null) {
      return answer.apply(request); // outside the lock: an answer may wait for another request
    }
    throw new AssertionError("no answer scripted for " + request);
  }

  String body(int index) {
    return new String(requests.get(index).body(), StandardCharsets.UTF_8);
  }
}
