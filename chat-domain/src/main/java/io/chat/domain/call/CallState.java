package io.chat.domain.call;

/** Where a call is: ringing, then accepted, and finally ended (with a {@link CallOutcome}). */
public enum CallState {
  RINGING("ringing"),
  ACCEPTED("accepted"),
  ENDED("ended");

  private final String wire;

  CallState(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
