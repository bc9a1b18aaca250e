-- Ends a turn: deletes the key only while it still holds this turn's token, so that a turn whose
-- lease lapsed never frees the key of the turn that took it over.
-- KEYS[1]: the turn's key; ARGV[1]: the token it was taken with.
-- Answers 1 when released, 0 when the token was gone (the lease had lapsed).
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
