package dev.hubspotextract.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileSinkResumeTest {
  @TempDir Path dir;

  @Test
  void aResumedFileDropsWhatCameAfterTheCheckpointAndContinuesFromThere() throws IOException {
    Path target = dir.resolve("deals.csv");
    CsvFileSink first = new CsvFileSink(target, FileMode.PRIVATE, "id", "name");
    first.write("1", "one");
    long bytes = first.flush();
    Checkpoint checkpoint = new Checkpoint(null, 1, 0, 1, false).at(bytes, first.checksumOf(bytes));
    first.write("2", "two, written after the checkpoint");
    first.flush();
    first.suspend(); // the process dies here

    try (CsvFileSink resumed = CsvFileSink.resume(target, checkpoint).orElseThrow()) {
      resumed.write("2", "two");
      resumed.complete();
    }

    assertThat(Files.readString(target, StandardCharsets.UTF_8))
        .isEqualTo("id,name\r\n1,one\r\n2,two\r\n");
    assertThat(FolderLayout.partialOf(target)).doesNotExist();
  }

  @Test
  void aLinkInPlaceOfAnUnfinishedFileIsNeitherResumedNorFollowed() throws IOException {
    Path target = dir.resolve("deals.csv");
    Path victim = Files.writeString(dir.resolve("victim.txt"), "precious\n");
    OutputFolder.privateFolder(dir);
    Files.createSymbolicLink(FolderLayout.partialOf(target), victim);

    assertThat(CsvFileSink.canResume(target, new Checkpoint(null, 0, 0, 0, false))).isFalse();
    try (CsvFileSink fresh = new CsvFileSink(target, FileMode.PRIVATE, "id")) {
      fresh.write("1");
      fresh.complete();
    }

    assertThat(Files.readString(victim)).isEqualTo("precious\n");
    assertThat(Files.readString(target)).isEqualTo("id\r\n1\r\n");
    assertThat(Files.getPosixFilePermissions(target))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void flushReportsTheBytesOnDiskSoACheckpointNeverPointsPastTheData() throws IOException {
    Path target = dir.resolve("notes.csv");
    try (CsvFileSink sink = new CsvFileSink(target, FileMode.PRIVATE, "id", "body")) {
      sink.write("7", "é, \"quoted\"\nsecond line");
      long bytes = sink.flush();

      assertThat(Files.size(FolderLayout.partialOf(target))).isEqualTo(bytes);
    }
  }
}
