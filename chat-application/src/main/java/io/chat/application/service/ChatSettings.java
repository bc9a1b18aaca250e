package io.chat.application.service;

import io.chat.application.service.shared.ServiceSettings;
import io.chat.domain.group.GroupRules;
import io.chat.domain.message.MessageRules;
import io.chat.domain.message.MessageText;
import io.chat.domain.user.SystemUser;
import java.time.Duration;
import java.util.Objects;

/**
 * The chat core's settings: the system user, the text limit, how long previews are, whether push
 * bodies hide the text, how often typing is relayed per pair, and how long the core may remember
 * that a user exists and whether a pair blocks (zero: ask the store every time); the group rules
 * and the message rules (edit and delete windows, pins, reactions). Blocks made through this core
 * are seen at once whatever the setting; it bounds how late a block made by another process sharing
 * the store is seen here.
 */
public record ChatSettings(
    SystemUser systemUser,
    int maxTextLength,
    int previewLength,
    boolean pushPrivacy,
    Duration typingInterval,
    Duration lookupCacheTtl,
    GroupRules groupRules,
    MessageRules messageRules)
    implements ServiceSettings {

  public ChatSettings {
    Objects.requireNonNull(systemUser, "systemUser");
    Objects.requireNonNull(typingInterval, "typingInterval");
    Objects.requireNonNull(lookupCacheTtl, "lookupCacheTtl");
    Objects.requireNonNull(groupRules, "groupRules");
    Objects.requireNonNull(messageRules, "messageRules");
    if (maxTextLength < 1
        || previewLength < 1
        || typingInterval.isNegative()
        || lookupCacheTtl.isNegative()) {
      throw new IllegalArgumentException("limits are positive");
    }
  }

  /**
   * The protocol's defaults: 4,000 characters, previews of 100, typing at most 4 times a second;
   * lookups remembered 10 seconds.
   */
  public static ChatSettings defaults() {
    return new ChatSettings(
        SystemUser.defaults(),
        MessageText.DEFAULT_MAX_LENGTH,
        100,
        false,
        Duration.ofMillis(250),
        Duration.ofSeconds(10),
        GroupRules.defaults(),
        MessageRules.defaults());
  }

  public ChatSettings withSystemUser(SystemUser system) {
    return new ChatSettings(
        system,
        maxTextLength,
        previewLength,
        pushPrivacy,
        typingInterval,
        lookupCacheTtl,
        groupRules,
        messageRules);
  }

  public ChatSettings withMaxTextLength(int max) {
    return new ChatSettings(
        systemUser,
        max,
        previewLength,
        pushPrivacy,
        typingInterval,
        lookupCacheTtl,
        groupRules,
        messageRules);
  }

  public ChatSettings withPushPrivacy(boolean privacy) {
    return new ChatSettings(
        systemUser,
        maxTextLength,
        previewLength,
        privacy,
        typingInterval,
        lookupCacheTtl,
        groupRules,
        messageRules);
  }

  public ChatSettings withLookupCacheTtl(Duration ttl) {
    return new ChatSettings(
        systemUser,
        maxTextLength,
        previewLength,
        pushPrivacy,
        typingInterval,
        ttl,
        groupRules,
        messageRules);
  }

  public ChatSettings withGroupRules(GroupRules rules) {
    return new ChatSettings(
        systemUser,
        maxTextLength,
        previewLength,
        pushPrivacy,
        typingInterval,
        lookupCacheTtl,
        rules,
        messageRules);
  }

  public ChatSettings withMessageRules(MessageRules rules) {
    return new ChatSettings(
        systemUser,
        maxTextLength,
        previewLength,
        pushPrivacy,
        typingInterval,
        lookupCacheTtl,
        groupRules,
        rules);
  }
}
