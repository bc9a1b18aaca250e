package io.chat.application.port.in;

import io.chat.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;

/** Who is calling, as authenticated: their id, whether they are staff, and when that ends. */
public record Actor(UserId id, boolean admin, Instant expiresAt) {
  public Actor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Staff-only operations refuse everybody else. */
  public void requireStaff() {
    if (!admin) {
      throw new StaffOnlyException();
    }
  }
}
