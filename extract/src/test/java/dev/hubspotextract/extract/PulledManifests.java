package dev.hubspotextract.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The manifest of a folder a test pulled, read as the tool reads it. */
public final class PulledManifests {
  private PulledManifests() {}

  public static Manifest read(Path dir) {
    try {
      return Manifest.read(FolderLayout.of(dir).manifest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The entry of one object, which the manifest must list. */
  public static Manifest.ObjectEntry object(Path dir, String name) {
    return read(dir).objects().stream()
        .filter(object -> name.equals(object.name()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " is not in the manifest of " + dir));
  }
}
