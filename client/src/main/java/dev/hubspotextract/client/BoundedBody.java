package dev.hubspotextract.client;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body whole, as {@link HttpResponse.BodySubscribers#ofByteArray()} does, but
 * never past a limit: a body whose {@code Content-Length} is larger is refused before a byte of it
 * is read, and one without a length (chunked) is counted as it arrives and cut off, its connection
 * dropped, as soon as the count passes the limit. So a server that sends without end costs at most
 * the limit and one more chunk, not all the memory there is.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
  /** The failure of a body past the limit; an IOException, as the JDK expects of a body's. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    /** The Content-Length that was refused, or -1 when the body was counted as it came. */
    final long announced;

    TooLarge(long limit, long announced) {
      super(
          (announced >= 0 ? "a body of " + announced + " bytes announced" : "a body still coming")
              + " past the limit of "
              + limit
              + " bytes");
      this.announced = announced;
    }
  }

  private final HttpResponse.BodySubscriber<byte[]> whole =
      HttpResponse.BodySubscribers.ofByteArray();
  private final long limit;
  private final long announced;

  // the JDK signals a subscriber one call at a time: these need no lock
  private Flow.Subscription subscription;
  private long received;
  private boolean refused;

  private BoundedBody(long limit, long announced) {
    this.limit = limit;
    this.announced = announced;
  }

  /** Bodies of at most {@code limit} bytes. */
  static HttpResponse.BodyHandler<byte[]> handler(long limit) {
    return info -> new BoundedBody(limit, contentLength(info.headers()));
  }

  /**
   * The announced length; -1 when there is none or it is not a number (the JDK then reads until the
   * connection closes, which is counted), and Long.MAX_VALUE for one too long for a long.
   */
  private static long contentLength(HttpHeaders headers) {
    return ApiResponse.digitsValue(
        headers.firstValue("Content-Length").map(String::trim).orElse(""));
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    whole.onSubscribe(subscription);
    if (announced > limit) {
      refuse(new TooLarge(limit, announced));
    }
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (refused) {
      return; // a chunk already on its way when the subscription was cancelled
    }
    for (ByteBuffer item : items) {
      received += item.remaining();
    }
    if (received > limit) {
      refuse(new TooLarge(limit, -1));
      return;
    }
    whole.onNext(items);
  }

  @Override
  public void onError(Throwable failure) {
    if (!refused) {
      whole.onError(failure);
    }
  }

  @Override
  public void onComplete() {
    if (!refused) {
      whole.onComplete();
    }
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return whole.getBody();
  }

  /** Stops reading (the JDK drops the connection) and fails the body with {@code failure}. */
  private void refuse(TooLarge failure) {
    refused = true;
    subscription.cancel();
    whole.onError(failure);
  }
}
