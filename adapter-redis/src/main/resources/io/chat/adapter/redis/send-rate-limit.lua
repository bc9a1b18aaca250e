-- Takes one send from a user's token bucket, atomically for every node.
-- KEYS[1]: the user's bucket, a hash {t = tokens left, at = when they were counted}.
-- ARGV[1]: now, in microseconds since the epoch, from the caller's clock; ARGV[2]: the burst;
-- ARGV[3]: the sustained rate per second.
-- Answers -1 when the send passes, else how long to wait, in microseconds (the resolution of the
-- time it is given, so that a caller who waits that long finds the token there).
-- The arithmetic is TokenBucket's (chat-domain), so that one node and many answer alike.
local now = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local tokens = burst
local at = now
local state = redis.call('HMGET', KEYS[1], 't', 'at')
if state[1] then
  tokens = tonumber(state[1])
  at = tonumber(state[2])
  -- A clock behind the last count (another node's) refills nothing and moves nothing back.
  if now > at then
    tokens = math.min(burst, tokens + (now - at) / 1e6 * rate)
    at = now
  end
end
-- Refills are binary floating point: a wait served in full may land a hair under a token.
if tokens < 1 - 1e-9 then
  return math.ceil((1 - tokens) / rate * 1e6)
end
tokens = math.max(0, tokens - 1)
redis.call('HSET', KEYS[1], 't', string.format('%.17g', tokens), 'at', string.format('%.17g', at))
-- A full bucket is the same as none: the key lives until it would be full again, and a second
-- more, so an idle user costs nothing.
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate * 1000) + 1000)
return -1
