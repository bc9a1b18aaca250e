package io.chat.application.port.in;

import io.chat.domain.group.GroupRole;
import io.chat.domain.user.UserProfile;
import java.time.Instant;

/** A group member as the members list shows them. */
public record MemberView(UserProfile user, GroupRole role, Instant joinedAt, long readSeq) {}
