package dev.hubspotextract.extract;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Makes sure the output folder exists and can be written, before any request is made. */
public final class OutputFolder {
  private OutputFolder() {}

  public static Path prepare(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(absolute);
    } catch (FileAlreadyExistsException e) {
      throw new ExtractException(
          ExtractException.Kind.OUTPUT,
          "cannot use " + absolute + " as the output folder: it is a file. Choose another --out.",
          e);
    } catch (IOException | SecurityException e) {
      throw new ExtractException(
          ExtractException.Kind.OUTPUT,
          "cannot create the output folder "
              + absolute
              + " ("
              + reason(e)
              + "). Choose another --out or fix its permissions.",
          e);
    }
    try {
      Path probe = Files.createTempFile(absolute, ".write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new ExtractException(
          ExtractException.Kind.OUTPUT,
          "cannot write to the output folder "
              + absolute
              + " ("
              + reason(e)
              + "). Choose another --out or fix its permissions.",
          e);
    }
    return absolute;
  }

  static String reason(Exception e) {
    String name = e.getClass().getSimpleName().replace("Exception", "");
    String message = e.getMessage();
    return name.equals("AccessDenied")
        ? "permission denied"
        : name.isEmpty() ? String.valueOf(message) : name + ": " + message;
  }
}
