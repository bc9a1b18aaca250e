package io.chat.application.port.in;

import io.chat.domain.shared.ChatId;

/** The caller's delivered mark in a chat after a receipt: everything up to it reached them. */
public record DeliveredMark(ChatId chatId, long deliveredSeq) {}
