package io.chat.application.port.out.archviolation;

import io.chat.domain.relation.Mute;

/** A write that returns nothing: its caller cannot know whether it was stored. */
public interface FireAndForgetStore {
  void save(Mute mute);
}
