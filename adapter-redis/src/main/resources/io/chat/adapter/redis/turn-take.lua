-- Asks for a turn on a key: takes it when it is free or handed over to this node; else marks this
-- node as waiting, so that the holder's release hands the key over to it rather than letting its
-- own node's next turn, sent right behind the release, take it again.
-- KEYS[1]: the turn's key (holds the holder's token, or '~' .. node while handed over to a node);
-- KEYS[2]: who waits for it (a node id, first come; it lapses unless its waiter keeps asking).
-- ARGV[1]: the token of this turn; ARGV[2]: the lease, in ms; ARGV[3]: this node; ARGV[4]: how long
-- a waiting mark, or a key handed over, lasts unless asked for, in ms.
-- Answers 1 when this turn holds the key, 0 when it is to ask again.
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == '~' .. ARGV[3] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  if redis.call('GET', KEYS[2]) == ARGV[3] then
    redis.call('DEL', KEYS[2])
  end
  return 1
end
local waiter = redis.call('GET', KEYS[2])
if waiter == false then
  redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
elseif waiter == ARGV[3] then
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
end
return 0
