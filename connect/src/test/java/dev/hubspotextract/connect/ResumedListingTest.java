package dev.hubspotextract.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.client.HubSpotException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Only HubSpot refusing the stored cursor starts a backfill over: an outage when the task resumes
 * (5xx until the retries gave up, a body too large) fails the pass and keeps the cursor.
 */
class ResumedListingTest {
  private static Optional<Boolean> firstFrom(String after, HubSpotException failure) {
    return ResumedListing.first(
        "object/deals",
        after,
        () -> {
          throw failure;
        });
  }

  @Test
  void aCursorRefusedWith400404Or410StartsOver() {
    for (int status : new int[] {400, 404, 410}) {
      HubSpotException refused =
          new HubSpotException(FailureCategory.EXTERNAL, "HubSpot refused listing deals", status);
      assertThat(firstFrom("c2VjcmV0", refused)).as("status %s", status).isEmpty();
    }
  }

  @Test
  void anOutageOrAnotherRefusalKeepsTheCursorAndFailsThePass() {
    HubSpotException gaveUp =
        new HubSpotException(
            FailureCategory.EXTERNAL, "HubSpot answered 503 (gave up after 5 attempts)");
    HubSpotException tooLarge =
        new HubSpotException(FailureCategory.EXTERNAL, "the response body passed the limit");
    HubSpotException forbidden =
        new HubSpotException(FailureCategory.EXTERNAL, "HubSpot refused listing deals", 403);
    for (HubSpotException failure : new HubSpotException[] {gaveUp, tooLarge, forbidden}) {
      assertThatThrownBy(() -> firstFrom("c2VjcmV0", failure)).isSameAs(failure);
    }
  }

  @Test
  void aListingFromTheStartIsNeverStartedOver() {
    HubSpotException refused =
        new HubSpotException(FailureCategory.EXTERNAL, "HubSpot refused listing deals", 400);
    assertThatThrownBy(() -> firstFrom(null, refused)).isSameAs(refused);
    assertThat(ResumedListing.first("object/deals", null, () -> true)).contains(true);
  }
}
