package io.chat.domain.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.chat.domain.shared.InvalidArgumentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RelatedEntityTest {

  @ParameterizedTest
  @ValueSource(strings = {"trip_verification", "support"})
  void theKnownTypesAreAccepted(String type) {
    RelatedEntity entity = RelatedEntity.of(type, "trip-42");

    assertThat(entity.type()).isEqualTo(type);
    assertThat(entity.refId()).contains("trip-42");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"Support", "trip", "other"})
  void anyOtherTypeIsRefused(String type) {
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> RelatedEntity.of(type, "x"));
  }

  @Test
  void theReferenceIsOptional() {
    assertThat(RelatedEntity.of("support", null).refId()).isEmpty();
  }

  @Test
  void aReferenceMayHoldLettersDigitsAndSomePunctuation() {
    assertThat(RelatedEntity.of("support", "Trip_9:leg.2-a").refId()).contains("Trip_9:leg.2-a");
  }

  @Test
  void aReferenceOfTheMaximumLengthIsAcceptedAndOneLongerIsRefused() {
    String longest = "r".repeat(128);

    assertThat(RelatedEntity.of("support", longest).refId()).contains(longest);
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> RelatedEntity.of("support", longest + "r"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "with space", "a/b", "é", "a\nb"})
  void aReferenceWithOtherCharactersIsRefused(String refId) {
    assertThatExceptionOfType(InvalidArgumentException.class)
        .isThrownBy(() -> RelatedEntity.of("support", refId));
  }
}
