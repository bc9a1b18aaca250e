-- Counts one more device of a user on this node.
-- KEYS[1]: the user's devices, a hash {node id = count, '~told' = 1 while told online};
-- KEYS[2]: the nodes' leases, a sorted set of node ids scored by expiry (ms, Redis' clock);
-- KEYS[3]: the users with devices on this node, a set.
-- ARGV[1]: this node; ARGV[2]: the user; ARGV[3]: the lease, in ms.
-- Answers 1 when the user is to be told online (no online period is open), else 0.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
-- A node that counts devices is alive: its lease is renewed, never shortened.
redis.call('ZADD', KEYS[2], 'GT', now + tonumber(ARGV[3]), ARGV[1])
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('SADD', KEYS[3], ARGV[2])
return redis.call('HSETNX', KEYS[1], '~told', '1')
