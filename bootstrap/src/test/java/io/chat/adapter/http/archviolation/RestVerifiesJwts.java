package io.chat.adapter.http.archviolation;

import com.nimbusds.jwt.SignedJWT;

/** nimbus-jose-jwt outside the token adapter. */
public final class RestVerifiesJwts {
  SignedJWT jwt;
}
