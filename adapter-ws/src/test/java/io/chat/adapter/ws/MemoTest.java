package io.chat.adapter.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A text is built once while its key is held, and never handed out for another key. */
class MemoTest {
  private final AtomicInteger builds = new AtomicInteger();

  private Supplier<String> build(String text) {
    return () -> {
      builds.incrementAndGet();
      return text;
    };
  }

  @Test
  void byIdentityTheSameObjectIsBuiltOnceAndAnEqualOneAgain() {
    Memo memo = Memo.byIdentity();
    String key = new String("event");

    for (int member = 0; member < 100; member++) {
      assertThat(memo.get(key, build("payload"))).isEqualTo("payload");
    }
    assertThat(builds).hasValue(1);
    assertThat(memo.get(new String("event"), build("another"))).isEqualTo("another");
    assertThat(builds).hasValue(2);
  }

  @Test
  void byEqualityEqualValuesShareOneText() {
    Memo memo = Memo.byEquality();

    String first = memo.get(new String("view"), build(new String("body")));
    String second = memo.get(new String("view"), build(new String("body")));

    assertThat(second).isSameAs(first);
    assertThat(builds).hasValue(1);
  }

  @Test
  void aPairIsNotItsFirstKeyAlone() {
    Memo memo = Memo.byIdentity();
    Object message = new Object();
    Object entry = new Object();

    assertThat(memo.get(message, build("message"))).isEqualTo("message");
    assertThat(memo.get(message, entry, build("merged"))).isEqualTo("merged");
    assertThat(memo.get(message, new Object(), build("other"))).isEqualTo("other");
    assertThat(builds).hasValue(3);
  }

  @Test
  void manyKeysNeverGetEachOthersText() {
    Memo memo = Memo.byEquality();

    for (int round = 0; round < 3; round++) {
      for (int key = 0; key < 1_000; key++) {
        assertThat(memo.get(key, build("text " + key))).isEqualTo("text " + key);
      }
    }
  }
}
