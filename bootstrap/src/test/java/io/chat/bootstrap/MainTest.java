package io.chat.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void jettyIsToldTheReferencesPerCacheLineSoThatItDoesNotStartTheMBeanServerToAsk() {
    Properties properties = new Properties();

    Main.presetJetty(properties);

    assertThat(properties.getProperty(Main.JETTY_REFERENCES_PER_CACHE_LINE)).isEqualTo("16");
  }

  @Test
  void aValueFromTheCommandLineStands() {
    Properties properties = new Properties();
    properties.setProperty(Main.JETTY_REFERENCES_PER_CACHE_LINE, "8");

    Main.presetJetty(properties);

    assertThat(properties.getProperty(Main.JETTY_REFERENCES_PER_CACHE_LINE)).isEqualTo("8");
  }
}
