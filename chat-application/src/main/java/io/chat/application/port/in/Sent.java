package io.chat.application.port.in;

import io.chat.domain.shared.ChatId;

/** The outcome of a send: the stored message, and whether this call stored it (else a retry). */
public record Sent(ChatId chatId, MessageView message, boolean created) {}
