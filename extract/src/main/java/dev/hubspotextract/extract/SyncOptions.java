package dev.hubspotextract.extract;

import java.time.Duration;
import java.util.Objects;

/**
 * How a sync reads what changed.
 *
 * @param lookback how far before an object's mark changes are looked for: search lags writes
 *     (hubspot-api.md §17), so a record changed just before the mark may have been invisible then
 * @param verifyDeletes also list every live id, to drop records deleted for good (they leave no
 *     archived entry) and add records the file lacks
 * @param fullAssociations read every association file whole, not only the links of changed records:
 *     link edits do not always move a record's modified date
 */
public record SyncOptions(Duration lookback, boolean verifyDeletes, boolean fullAssociations) {
  public static final Duration DEFAULT_LOOKBACK = Duration.ofHours(1);

  public SyncOptions {
    Objects.requireNonNull(lookback, "lookback is null");
    if (lookback.isNegative()) {
      throw new IllegalArgumentException("the lookback must not be negative, got " + lookback);
    }
  }
}
