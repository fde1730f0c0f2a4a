package dev.hubspotextract.client;

import java.util.Objects;

/** Adds {@code Authorization: Bearer <token>} to every request. */
public final class Authenticating implements Transport {
  private final String token;
  private final Transport next;

  public Authenticating(String token, Transport next) {
    this.token = Objects.requireNonNull(token, "token is null");
    this.next = Objects.requireNonNull(next, "next is null");
  }

  @Override
  public ApiResponse send(ApiRequest request) {
    return next.send(request.withHeader("Authorization", "Bearer " + token));
  }

  @Override
  public String toString() {
    return "Authenticating[token=***]";
  }
}
