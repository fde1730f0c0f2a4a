package dev.hubspotextract.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;

/** The last step of the chain: sends the request over the JDK's {@link HttpClient}. */
public final class JdkTransport implements Transport {
  private final HttpClient http;
  private final String baseUrl;
  private final Duration requestTimeout;

  public JdkTransport(URI baseUrl, Duration connectTimeout, Duration requestTimeout) {
    String base = Objects.requireNonNull(baseUrl, "baseUrl is null").toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.requestTimeout = requestTimeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public ApiResponse send(ApiRequest request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + request.pathAndQuery()))
            .timeout(requestTimeout)
            .method(
                request.method(),
                request.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    request.headers().forEach(builder::header);
    try {
      HttpResponse<byte[]> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new ApiResponse(response.statusCode(), response.headers().map(), response.body());
    } catch (HttpTimeoutException e) {
      throw new HubSpotException(
          HubSpotException.Category.TRANSIENT,
          request.method() + " " + request.path() + " timed out after " + requestTimeout,
          e);
    } catch (ConnectException e) {
      throw new HubSpotException(
          HubSpotException.Category.TRANSIENT,
          "cannot connect to " + baseUrl + " (" + describe(e) + ")",
          e);
    } catch (IOException e) {
      throw new HubSpotException(
          HubSpotException.Category.TRANSIENT,
          request.method()
              + " "
              + request.path()
              + ": the connection dropped or the body was cut short ("
              + describe(e)
              + ")",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HubSpotException(
          HubSpotException.Category.INTERNAL, "interrupted while calling HubSpot", e);
    }
  }

  public String baseUrl() {
    return baseUrl;
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getMessage() == null) {
      root = root.getCause();
    }
    String message = root.getMessage();
    if (message == null && root.getCause() != null) {
      message = root.getCause().toString();
    }
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
