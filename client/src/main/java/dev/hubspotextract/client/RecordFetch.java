package dev.hubspotextract.client;

/**
 * How a list cursor gets its records' properties: on the list pages themselves, or, for an object
 * whose property list would make the list URL too long (HTTP 414, hubspot-api.md §13), from a batch
 * read of each page's ids. Chosen once per object by whoever plans the read ({@link
 * ObjectsApi#fetchFor}), and then told to {@link ObjectsApi#stream}, which does as told.
 */
public enum RecordFetch {
  /** One {@code GET /crm/v3/objects/{type}} per page, naming every property. */
  LIST_WITH_PROPERTIES,

  /**
   * One {@code GET} per page listing ids only, then one {@code POST …/batch/read} with every
   * property in its body: 2 calls per 100 records however wide the object is.
   */
  LIST_IDS_THEN_BATCH_READ
}
