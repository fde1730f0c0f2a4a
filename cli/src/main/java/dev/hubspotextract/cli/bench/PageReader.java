package dev.hubspotextract.cli.bench;

import java.io.Closeable;
import java.io.IOException;

/** One load worker's way of reading list pages: one page at a time, from a cursor. */
interface PageReader extends Closeable {
  /** What a page cost to read: its status, its size, and the cursor of the next page. */
  record Page(int status, long bytes, String nextAfter) {}

  /** Reads the page after record id {@code after}; an error page keeps the cursor. */
  Page read(String after) throws IOException, InterruptedException;
}
