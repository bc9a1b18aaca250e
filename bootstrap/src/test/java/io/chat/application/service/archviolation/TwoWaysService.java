package io.chat.application.service.archviolation;

/** A service with two constructors and no @Inject: a container would not know which to call. */
public final class TwoWaysService {
  private final String name;

  public TwoWaysService() {
    this("default");
  }

  public TwoWaysService(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }
}
