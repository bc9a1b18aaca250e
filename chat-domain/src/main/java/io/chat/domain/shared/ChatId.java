package io.chat.domain.shared;

/** Server-generated id of a chat: 24 hexadecimal digits in lower case. */
public record ChatId(String value) {
  public ChatId {
    value = ObjectIdText.require(value, "chatId");
  }

  public static ChatId of(String value) {
    return new ChatId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
