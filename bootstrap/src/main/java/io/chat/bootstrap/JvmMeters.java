package io.chat.bootstrap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JVM's and the process's meters on {@code /metrics}: memory pools, GC, threads, classes, CPU,
 * uptime, and resident memory from {@code /proc/self/status} where there is one (Linux), so that a
 * deployment's memory can be read remotely.
 */
final class JvmMeters implements AutoCloseable {
  static final String RESIDENT_MEMORY = "process.resident.memory";
  private static final Path STATUS = Path.of("/proc/self/status");

  private final JvmGcMetrics gc;

  private JvmMeters(JvmGcMetrics gc) {
    this.gc = gc;
  }

  static JvmMeters bind(MeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    if (Files.isReadable(STATUS) && residentBytes() > 0) {
      Gauge.builder(RESIDENT_MEMORY, JvmMeters::residentBytes)
          .description("Resident set size of the process (VmRSS)")
          .baseUnit("bytes")
          .register(registry);
    }
    return new JvmMeters(gc);
  }

  /** VmRSS in bytes; NaN when it cannot be read, which Prometheus shows as such. */
  static double residentBytes() {
    try {
      for (String line : Files.readAllLines(STATUS, StandardCharsets.UTF_8)) {
        if (line.startsWith("VmRSS:")) {
          return 1024.0 * Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // A gauge must not fail a scrape.
    }
    return Double.NaN;
  }

  /** Stops listening for GC notifications. */
  @Override
  public void close() {
    gc.close();
  }
}
