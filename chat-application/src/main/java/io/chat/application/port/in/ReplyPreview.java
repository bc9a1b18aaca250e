package io.chat.application.port.in;

import io.chat.domain.shared.MessageId;
import io.chat.domain.user.UserId;

/**
 * The message an answer quotes, as it is now: its sender and its first characters, or {@code
 * deleted} (and no text) once it was deleted for everyone, or hidden for the reader.
 */
public record ReplyPreview(MessageId id, long seq, UserId sender, String text, boolean deleted) {}
