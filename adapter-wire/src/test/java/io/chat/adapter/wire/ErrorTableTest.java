package io.chat.adapter.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.chat.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;

class ErrorTableTest {

  @Test
  void everyErrorCodeHasOneStatus() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(ErrorTable.status(code)).isBetween(400, 599);
    }
    assertThat(ErrorTable.status(ErrorCode.INVALID_ARGUMENT)).isEqualTo(400);
    assertThat(ErrorTable.status(ErrorCode.UNAUTHENTICATED)).isEqualTo(401);
    assertThat(ErrorTable.status(ErrorCode.FORBIDDEN)).isEqualTo(403);
    assertThat(ErrorTable.status(ErrorCode.BLOCKED)).isEqualTo(403);
    assertThat(ErrorTable.status(ErrorCode.NOT_FOUND)).isEqualTo(404);
    assertThat(ErrorTable.status(ErrorCode.CONFLICT)).isEqualTo(409);
    assertThat(ErrorTable.status(ErrorCode.WINDOW_CLOSED)).isEqualTo(409);
    assertThat(ErrorTable.status(ErrorCode.LIMIT_REACHED)).isEqualTo(409);
    assertThat(ErrorTable.status(ErrorCode.PAYLOAD_TOO_LARGE)).isEqualTo(413);
    assertThat(ErrorTable.status(ErrorCode.RATE_LIMITED)).isEqualTo(429);
    assertThat(ErrorTable.status(ErrorCode.CALL_NOT_FOUND)).isEqualTo(404);
    assertThat(ErrorTable.status(ErrorCode.CALL_STATE)).isEqualTo(409);
    assertThat(ErrorTable.status(ErrorCode.BUSY)).isEqualTo(409);
    assertThat(ErrorTable.status(ErrorCode.INTERNAL)).isEqualTo(500);
    assertThat(ErrorTable.status(ErrorCode.UNAVAILABLE)).isEqualTo(503);
  }
}
