package dev.hubspotextract.cli;

import dev.hubspotextract.client.FailureCategory;
import dev.hubspotextract.extract.ExtractException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads {@code --token-file}: the access token as the file's only line, so the token shows neither
 * in the process list (as {@code --token} does) nor in the shell's history. Nothing of the file's
 * content is ever put in a message.
 */
final class TokenFile {
  /** A token is under a kilobyte; more than this is not a token file. */
  private static final int MAX_BYTES = 4_096;

  private TokenFile() {}

  static String read(Path file, Consumer<String> warnings) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw usage(
          "--token-file "
              + file
              + " cannot be read ("
              + e.getClass().getSimpleName()
              + "): give the file that holds the private app token (pat-…)");
    }
    if (bytes.length > MAX_BYTES) {
      throw usage(
          "--token-file "
              + file
              + " is larger than "
              + MAX_BYTES
              + " bytes, so it is not a token file: put only the token in it");
    }
    String token = new String(bytes, StandardCharsets.UTF_8).strip();
    if (token.isEmpty()) {
      throw usage("--token-file " + file + " is empty: put the private app token (pat-…) in it");
    }
    if (token.chars().anyMatch(Character::isWhitespace)) {
      throw usage(
          "--token-file "
              + file
              + " holds more than one word or line: put only the token in it (pat-…)");
    }
    if (othersCanRead(file)) {
      warnings.accept(
          "warning: other users can read --token-file "
              + file
              + "; make it yours alone: chmod 600 "
              + file);
    }
    return token;
  }

  private static boolean othersCanRead(Path file) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      return permissions.contains(PosixFilePermission.GROUP_READ)
          || permissions.contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException | UnsupportedOperationException e) {
      return false; // no POSIX permissions to judge by
    }
  }

  private static ExtractException usage(String message) {
    return new ExtractException(FailureCategory.USAGE, message);
  }
}
