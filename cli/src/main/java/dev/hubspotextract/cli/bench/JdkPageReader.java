package dev.hubspotextract.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Reads pages with the JDK's HttpClient, as an extractor does, without parsing them: it counts the
 * bytes and keeps the last few hundred, where the cursor is. A failed request is an error page.
 */
final class JdkPageReader implements PageReader {
  private final HttpClient http;
  private final String pageUrl;
  private final String token;

  JdkPageReader(HttpClient http, String pageUrl, String token) {
    this.http = http;
    this.pageUrl = pageUrl;
    this.token = token;
  }

  @Override
  public Page read(String after) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(pageUrl + "&after=" + after))
            .header("Authorization", "Bearer " + token)
            .build();
    try {
      HttpResponse<CountingBody> response =
          http.send(request, HttpResponse.BodyHandlers.fromSubscriber(new CountingBody(), s -> s));
      CountingBody body = response.body();
      return new Page(response.statusCode(), body.count, body.nextAfter());
    } catch (IOException e) {
      return new Page(0, 0, after);
    }
  }

  @Override
  public void close() {
    // the client is shared by every worker
  }

  /**
   * Consumes a page without parsing it: counts the bytes and keeps the last few hundred, where the
   * cursor is (a page ends with {@code …"link":"…&after=<id>"}}}} unless it is the last one).
   */
  private static final class CountingBody implements Flow.Subscriber<List<ByteBuffer>> {
    private final byte[] tail = new byte[512];
    private int tailLength;
    long count;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer b : buffers) {
        int n = b.remaining();
        count += n;
        if (n >= tail.length) {
          b.position(b.limit() - tail.length);
          b.get(tail, 0, tail.length);
          tailLength = tail.length;
        } else {
          int keep = Math.min(tailLength, tail.length - n);
          System.arraycopy(tail, tailLength - keep, tail, 0, keep);
          b.get(tail, keep, n);
          tailLength = keep + n;
        }
      }
    }

    @Override
    public void onError(Throwable throwable) {}

    @Override
    public void onComplete() {}

    String nextAfter() {
      return NextAfter.in(new String(tail, 0, tailLength, StandardCharsets.UTF_8));
    }
  }
}
