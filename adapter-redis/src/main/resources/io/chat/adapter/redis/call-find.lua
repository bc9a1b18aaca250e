-- A call's fields (empty when there is none), after forgetting the ended calls older than the keep.
-- KEYS[1]: the call, or the user whose live call is asked for (then ARGV[4] is '1');
-- KEYS[2]: the ended calls; ARGV[1]: now, in ms; ARGV[2]: the keep, in ms; ARGV[3]: the key
-- prefix of calls; ARGV[4]: '1' when KEYS[1] is a user's live call (holding the call's id).
local now = tonumber(ARGV[1])
local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. (now - tonumber(ARGV[2])))
for _, id in ipairs(old) do
  redis.call('DEL', ARGV[3] .. id)
end
if #old > 0 then
  redis.call('ZREM', KEYS[2], unpack(old))
end
local call = KEYS[1]
if ARGV[4] == '1' then
  local id = redis.call('GET', KEYS[1])
  if not id then
    return {}
  end
  call = ARGV[3] .. id
end
return redis.call('HGETALL', call)
