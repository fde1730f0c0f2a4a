/**
 * A Kafka Connect source connector on the engine: a portal's objects, association pairs and
 * reference tables as topics that a compacted topic turns into the portal's current state.
 */
package dev.hubspotextract.connect;
