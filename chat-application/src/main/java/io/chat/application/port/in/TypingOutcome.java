package io.chat.application.port.in;

/** Whether a typing signal went through, or was dropped by the per-pair throttle. */
public enum TypingOutcome {
  RELAYED,
  THROTTLED
}
