package io.chat.domain.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.chat.domain.shared.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class ChatTypeTest {
  @Test
  void wireNamesRoundTrip() {
    assertThat(ChatType.USER_CHAT.wire()).isEqualTo("user_chat");
    assertThat(ChatType.ADMIN_SUPPORT.wire()).isEqualTo("admin_support");
    for (ChatType type : ChatType.values()) {
      assertThat(ChatType.fromWire(type.wire())).isEqualTo(type);
    }
  }

  @Test
  void anUnknownWireNameIsRefused() {
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> ChatType.fromWire("USER_CHAT"));
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> ChatType.fromWire(null));
  }
}
