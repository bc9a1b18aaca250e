package io.chat.application.service;

import io.chat.domain.message.MessageText;
import io.chat.domain.user.SystemUser;
import java.time.Duration;
import java.util.Objects;

/**
 * The chat core's settings: the system user, the text limit, how long previews are, whether push
 * bodies hide the text, and how often typing is relayed per pair.
 */
public record ChatSettings(
    SystemUser systemUser,
    int maxTextLength,
    int previewLength,
    boolean pushPrivacy,
    Duration typingInterval) {

  public ChatSettings {
    Objects.requireNonNull(systemUser, "systemUser");
    Objects.requireNonNull(typingInterval, "typingInterval");
    if (maxTextLength < 1 || previewLength < 1 || typingInterval.isNegative()) {
      throw new IllegalArgumentException("limits are positive");
    }
  }

  /**
   * The protocol's defaults: 4,000 characters, previews of 100, typing at most 4 times a second.
   */
  public static ChatSettings defaults() {
    return new ChatSettings(
        SystemUser.defaults(), MessageText.DEFAULT_MAX_LENGTH, 100, false, Duration.ofMillis(250));
  }

  public ChatSettings withSystemUser(SystemUser system) {
    return new ChatSettings(system, maxTextLength, previewLength, pushPrivacy, typingInterval);
  }

  public ChatSettings withMaxTextLength(int max) {
    return new ChatSettings(systemUser, max, previewLength, pushPrivacy, typingInterval);
  }

  public ChatSettings withPushPrivacy(boolean privacy) {
    return new ChatSettings(systemUser, maxTextLength, previewLength, privacy, typingInterval);
  }
}
