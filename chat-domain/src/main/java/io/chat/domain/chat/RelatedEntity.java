package io.chat.domain.chat;

import io.chat.domain.shared.InvalidArgumentException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a support chat is about: a kind ({@code trip_verification} or {@code support}) and a
 * reference.
 */
public record RelatedEntity(String type, Optional<String> refId) {
  public static final Set<String> TYPES = Set.of("trip_verification", "support");
  private static final Pattern REF = Pattern.compile("[A-Za-z0-9_:.-]{1,128}");

  public RelatedEntity {
    Objects.requireNonNull(refId, "refId");
    if (type == null || !TYPES.contains(type)) {
      throw new InvalidArgumentException("relatedEntity.type must be trip_verification or support");
    }
    if (refId.isPresent() && !REF.matcher(refId.get()).matches()) {
      throw new InvalidArgumentException(
          "relatedEntity.refId must be 1 to 128 characters of letters, digits, '_', ':', '.' or '-'");
    }
  }

  public static RelatedEntity of(String type, String refId) {
    return new RelatedEntity(type, Optional.ofNullable(refId));
  }
}
