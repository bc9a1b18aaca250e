-- Counts one more device of a user on this node.
-- KEYS[1]: the user's devices, a hash {node id = count, '~told' = 1 while told online};
-- KEYS[2]: the nodes' leases, a sorted set of node ids scored by expiry (ms, Redis' clock);
-- KEYS[3]: the users with devices on this node, a set;
-- KEYS[4]: presence's own state, a hash {seen, grace, run, epoch} (see presence-heartbeat.lua).
-- ARGV[1]: this node; ARGV[2]: the user; ARGV[3]: the lease, in ms; ARGV[4]: the epoch of the data
-- this node registered in, '*' before its first heartbeat; ARGV[5]: '0' to leave the mark alone
-- (while the nodes register again after Redis lost its data, the marks are not all back: the node
-- settles them later), else '1'.
-- Answers 1 when the user is to be told online (no online period is open), 0 when not, and -1 when
-- nothing was counted: Redis lost the data this node registered in, and with it who was told
-- online, so the node counts the device when it registers again (RedisPresence).
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if ARGV[4] ~= '*' and redis.call('HGET', KEYS[4], 'epoch') ~= ARGV[4] then
  return -1
end
-- A node that counts devices is alive: a live lease is renewed (never shortened), and a new node's
-- first device may come before its first heartbeat. A lapsed or vanished lease is the heartbeat's
-- to renew: it re-registers what a sweep may have cleaned meanwhile.
local lease = redis.call('ZSCORE', KEYS[2], ARGV[1])
if (lease and tonumber(lease) > now) or (not lease and ARGV[4] == '*') then
  redis.call('ZADD', KEYS[2], 'GT', now + tonumber(ARGV[3]), ARGV[1])
end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('SADD', KEYS[3], ARGV[2])
if ARGV[5] == '0' then
  return 0
end
return redis.call('HSETNX', KEYS[1], '~told', '1')
