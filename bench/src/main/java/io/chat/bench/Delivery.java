package io.chat.bench;

/** Where a client hands what it receives: {@code message:new} or {@code message:sent}. */
interface Delivery {
  void message(boolean sent, String chatId, String clientMessageId, long seq);
}
