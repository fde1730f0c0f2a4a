package dev.hubspotextract.connect;

import dev.hubspotextract.client.HubSpotClient;
import dev.hubspotextract.client.HubSpotException;
import dev.hubspotextract.client.OutOfOrder;
import dev.hubspotextract.client.ServerText;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backfill going on from the cursor its offset stored. HubSpot's list cursors are opaque and may
 * expire: a cursor HubSpot refuses (400, 404 or 410 to the first request made with it) is got past
 * only by starting the backfill over. Any other failure (5xx until the retries gave up, a body too
 * large, a timeout) fails the stream for this pass and keeps its cursor: an outage when a task
 * resumes must not restart a backfill of hours.
 */
final class ResumedListing {
  private static final Logger LOG = LoggerFactory.getLogger(ResumedListing.class);

  /** The answers that refuse a cursor rather than fail a request. */
  private static final Set<Integer> REFUSALS = Set.of(400, 404, 410);

  private ResumedListing() {}

  /**
   * The first request of a listing from {@code after} (null: from the start), or empty when HubSpot
   * refused the cursor (said in one WARN): the caller starts its backfill over.
   */
  static <T> Optional<T> first(String stream, String after, Supplier<T> firstRequest) {
    try {
      return Optional.of(firstRequest.get());
    } catch (HubSpotException e) {
      if (after == null || e.status().isEmpty() || !REFUSALS.contains(e.status().getAsInt())) {
        throw e;
      }
      LOG.warn(
          "{}: HubSpot refused to go on from the stored cursor {} ({}): its backfill starts over"
              + " from the first record",
          stream,
          ServerText.excerpt(after, 60),
          e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Whether HubSpot refuses to list {@code apiName} from {@code after} (null: never), asked with a
   * request of one id: a stream that lists ids to go on after the last one it finished keeps the id
   * as its cursor, and the whole list is read before any of it is used.
   */
  static boolean refused(HubSpotClient client, String stream, String apiName, String after) {
    if (after == null) {
      return false;
    }
    return first(
            stream,
            after,
            () -> {
              try (Stream<String> ids =
                  client.objects().ids(apiName, OptionalLong.of(1), after, OutOfOrder.HANDED_OUT)) {
                return ids.findFirst();
              }
            })
        .isEmpty();
  }
}
