/**
 * Analysis over a pulled folder: typed tables, joins along association files, SQL, and conversion
 * to Parquet or a DuckDB database, all on an embedded DuckDB.
 */
package dev.hubspotextract.analyze;
