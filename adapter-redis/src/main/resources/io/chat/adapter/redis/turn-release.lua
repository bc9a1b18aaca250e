-- Ends a turn: frees the key only while it still holds this turn's token, so that a turn whose
-- lease lapsed never frees the key of the turn that took it over. When another node waits, the key
-- is handed over to that node (for as long as a waiting mark lasts) instead of freed, so that the
-- releasing node's next turn on the key, sent right behind this release, cannot take it first.
-- KEYS[1]: the turn's key; KEYS[2]: who waits for it (see turn-take.lua).
-- ARGV[1]: the token the turn was taken with; ARGV[2]: this node; ARGV[3]: how long the key stays
-- handed over, in ms, unless the waiter takes it.
-- Answers 1 when released, 0 when the token was gone (the lease had lapsed).
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
local waiter = redis.call('GET', KEYS[2])
if waiter and waiter ~= ARGV[2] then
  redis.call('SET', KEYS[1], '~' .. waiter, 'PX', ARGV[3])
  redis.call('DEL', KEYS[2])
else
  redis.call('DEL', KEYS[1])
end
return 1
