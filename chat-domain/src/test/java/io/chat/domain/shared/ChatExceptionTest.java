package io.chat.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChatExceptionTest {

  @Test
  void aRefusalCarriesItsCodeAndMessage() {
    ChatException invalid = new InvalidArgumentException("text must not be empty");
    ChatException missing = new NotFoundException("Chat not found");

    assertThat(invalid.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(invalid).hasMessage("text must not be empty");
    assertThat(missing.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(missing).hasMessage("Chat not found");
  }

  @Test
  void aRefusalCarriesNoStackTrace() {
    assertThat(new InvalidArgumentException("bad").getStackTrace()).isEmpty();
  }
}
