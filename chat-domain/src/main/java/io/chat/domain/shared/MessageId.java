package io.chat.domain.shared;

/** Server-generated id of a message: 24 hexadecimal digits in lower case. */
public record MessageId(String value) {
  public MessageId {
    value = ObjectIdText.require(value, "messageId");
  }

  public static MessageId of(String value) {
    return new MessageId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
