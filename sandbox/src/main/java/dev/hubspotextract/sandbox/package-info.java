/**
 * A local server that speaks HubSpot's CRM API over a generated portal. It never imports the client
 * or the extraction engine: it speaks the wire format, so tests against it cannot pass by sharing
 * code.
 */
package dev.hubspotextract.sandbox;
