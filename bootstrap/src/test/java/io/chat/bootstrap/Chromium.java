package io.chat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Where the browser tests find Chromium and its driver, and whether they can run here. */
final class Chromium {
  static final Path BINARY = Path.of(System.getProperty("chat.chromium", "/usr/bin/chromium"));
  static final Path DRIVER =
      Path.of(System.getProperty("chat.chromedriver", "/usr/bin/chromedriver"));

  private Chromium() {}

  /**
   * Skips {@code test} (with how to run it) where Chromium or its driver is missing; where {@code
   * CI=true} fails instead: there a missing browser is a broken machine, not a reason to skip.
   */
  static void requireOrSkip(String test) {
    boolean there = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    String missing =
        "no Chromium at "
            + BINARY
            + " with its driver at "
            + DRIVER
            + ". To run it, install them (Debian: apt-get install chromium chromium-driver, as .ci/run"
            + " does) or point -Dchat.chromium and -Dchat.chromedriver at them.";
    assertThat(there || !"true".equalsIgnoreCase(System.getenv("CI")))
        .as(test + " cannot run where CI=true: " + missing)
        .isTrue();
    Assumptions.assumeTrue(there, test + " skipped: " + missing);
  }
}
