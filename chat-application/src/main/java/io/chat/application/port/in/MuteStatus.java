package io.chat.application.port.in;

import java.time.Instant;
import java.util.Optional;

/** Whether a chat is muted for a user now, and until when (empty: for ever, or not muted). */
public record MuteStatus(boolean muted, Optional<Instant> mutedUntil) {}
