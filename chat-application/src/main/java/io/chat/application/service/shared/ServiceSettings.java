package io.chat.application.service.shared;

import io.chat.domain.chat.SupportDesk;
import io.chat.domain.group.GroupRules;
import io.chat.domain.message.MessageRules;
import io.chat.domain.user.SystemUser;
import java.time.Duration;

/**
 * The settings as the services read them. {@code ChatSettings}, which a host builds, is the one
 * implementation: the services depend on this instead, so that the wiring, which depends on every
 * service, stays above them.
 */
public interface ServiceSettings {
  SystemUser systemUser();

  int maxTextLength();

  int previewLength();

  boolean pushPrivacy();

  Duration typingInterval();

  Duration lookupCacheTtl();

  /** Group sizes and how many members one request adds. */
  GroupRules groupRules();

  /** Edit and delete windows, pins per chat, reactions per message. */
  MessageRules messageRules();

  /** The support desk, which the system user is. */
  default SupportDesk desk() {
    return new SupportDesk(systemUser());
  }
}
