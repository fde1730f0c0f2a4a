package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderTest {
  @TempDir Path dir;

  @Test
  void onlyAPlainNameInsideTheFolderIsAFileOfIt() {
    assertThat(OutputFolder.fileIn(dir, "deals.csv")).isEqualTo(dir.resolve("deals.csv"));
    for (String name :
        List.of("", ".", "..", "../x.csv", "a/b.csv", "a\\b.csv", "/etc/x", "x\0.csv", "x\n.csv")) {
      assertThatThrownBy(() -> OutputFolder.fileIn(dir, name))
          .as(name)
          .isInstanceOf(ExtractException.class)
          .hasMessageContaining("not a plain file name inside " + dir);
    }
  }

  @Test
  void aFreshFolderIsTheOwnersAloneAndItsPrivateFolderIsMadeOnlyWhenNeeded() throws IOException {
    Path out = OutputFolder.prepare(dir.resolve("new"), FileMode.PRIVATE, warning -> {});

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
        .isEqualTo("rwx------");
    assertThat(out.resolve(FolderLayout.PRIVATE_FOLDER)).doesNotExist();
    Path own = OutputFolder.privateFolder(out);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(own)))
        .isEqualTo("rwx------");
  }

  @Test
  void aPrivateFolderOthersCouldWriteInIsTightenedAndEmptied() throws IOException {
    Path own = Files.createDirectories(dir.resolve(FolderLayout.PRIVATE_FOLDER));
    Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path planted = Files.writeString(own.resolve("deals.csv.partial"), "planted\r\n");

    OutputFolder.privateFolder(dir);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(own)))
        .isEqualTo("rwx------");
    assertThat(planted).doesNotExist();
  }

  @Test
  void aPrivateFolderOfAnotherUserIsRefusedBeforeAnyRequest() throws IOException {
    Path own = Files.createDirectories(dir.resolve(FolderLayout.PRIVATE_FOLDER));
    UserPrincipal nobody;
    try {
      nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
      Files.setOwner(own, nobody);
    } catch (IOException | UnsupportedOperationException e) {
      assumeTrue(false, "giving a folder to another user needs root: " + e);
      return;
    }

    assertThatThrownBy(() -> OutputFolder.prepare(dir, FileMode.PRIVATE, warning -> {}))
        .isInstanceOf(ExtractException.class)
        .hasMessageContaining("belongs to " + nobody.getName() + ", not to you");
  }

  @Test
  void anExistingFolderKeepsItsModeAndSaysWhoElseCanOpenOrWriteIt() throws IOException {
    Path shared = Files.createDirectories(dir.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxr-x"));
    List<String> warnings = new ArrayList<>();

    OutputFolder.prepare(shared, FileMode.PRIVATE, warnings::add);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)))
        .isEqualTo("rwxrwxr-x");
    assertThat(warnings)
        .anyMatch(w -> w.contains("other users can open"))
        .anyMatch(w -> w.contains("other users can write in"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("new"));
    Files.createDirectories(dir.resolve("new"));
    Files.setPosixFilePermissions(dir.resolve("new"), PosixFilePermissions.fromString("rwx------"));
    List<String> none = new ArrayList<>();
    OutputFolder.prepare(link, FileMode.PRIVATE, none::add);
    assertThat(none).as("a link to a private folder is judged by the folder").isEmpty();
  }
}
