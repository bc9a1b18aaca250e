package io.chat.application.archviolation;

import org.slf4j.Logger;

/** The application depending on something but the domain, the JDK and jakarta.inject. */
public final class ServiceLogs {
  Logger log;
}
