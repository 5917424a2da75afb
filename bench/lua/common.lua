-- Shared by every scenario script (loaded with dofile from the script's folder).
-- Knobs come from the environment, set by bench/run.py:
--   BENCH_TOKEN   bearer token          BENCH_MEMBERS  members m1..mN to pick from
--   BENCH_RUN     unique tag of the run (order ids, idempotency keys)
--   BENCH_RATE    requests/s per wrk thread; 0 = as fast as the server answers
-- Each thread counts answers by class; done() prints one "BENCH_RESULT {json}" line.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")

function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

TOKEN = os.getenv("BENCH_TOKEN") or ""
MEMBERS = tonumber(os.getenv("BENCH_MEMBERS") or "1")
RUN = os.getenv("BENCH_RUN") or "run"
HOT_MEMBER = os.getenv("BENCH_HOT_MEMBER") or "m1"
local rate = tonumber(os.getenv("BENCH_RATE") or "0")

JSON_HEADERS = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. TOKEN }
GET_HEADERS = { ["Authorization"] = "Bearer " .. TOKEN }

-- main state: remember the threads so that done() can add up their counters
local threads = {}
local next_id = 0
function setup(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
  table.insert(threads, thread)
end

-- per-thread state
c2xx, c4xx, c5xx, cother, earned, flows, seq = 0, 0, 0, 0, 0, 0, 0
sample_error = nil -- the first failed answer, for the report
acked = {}         -- order ids of acknowledged earns (hot member check)

function init(args)
  math.randomseed(tonumber(tid) * 7919 + math.floor(now_ms()))
end

function random_member()
  return "m" .. math.random(1, MEMBERS)
end

-- A new id per call, unique across threads and runs.
function next_key(prefix)
  seq = seq + 1
  return prefix .. "-" .. RUN .. "-" .. tid .. "-" .. seq
end

function post(path, body, key)
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. TOKEN }
  if key then headers["Idempotency-Key"] = key end
  return wrk.format("POST", path, headers, body)
end

function get(path)
  return wrk.format("GET", path, GET_HEADERS)
end

-- Three lines adding up to the amount; order ids vary so every order is new.
function order_lines_json()
  return '[{"sku":"SKU-1","category":"shoes","quantity":1,"unit_price":"799.00"},' ..
         '{"sku":"SKU-2","category":"socks","quantity":2,"unit_price":"150.00"},' ..
         '{"sku":"SKU-3","category":"care","quantity":1,"unit_price":"250.50"}]'
end
ORDER_AMOUNT = "1499.50" -- 799 + 300 + 250.50 + 150 delivery (earns nothing)

function response(status, headers, body)
  if status >= 200 and status < 300 then c2xx = c2xx + 1
  elseif status >= 400 and status < 500 then c4xx = c4xx + 1
  elseif status >= 500 then c5xx = c5xx + 1
  else cother = cother + 1 end
  if status >= 400 and sample_error == nil then
    sample_error = status .. " " .. string.gsub(body:sub(1, 240), '["\\%c]', "'")
  end
  if on_response then on_response(status, body) end
end

-- Constant-rate pacing (wrk has no -R): each thread hands out send slots 1/rate
-- apart; a connection whose answer came back waits for the next free slot. Latency
-- is measured from the actual send, so it is not corrected for coordinated omission
-- the way wrk2 does; at 80% of the peak the server keeps up and the two agree.
if rate > 0 then
  local interval = 1000 / rate
  local next_at = nil
  function delay()
    local t = now_ms()
    if next_at == nil or next_at < t - interval then next_at = t end
    next_at = next_at + interval
    local d = next_at - t
    if d < 0 then return 0 end
    return math.floor(d)
  end
end

function done(summary, latency, requests)
  local sum = { c2xx = 0, c4xx = 0, c5xx = 0, cother = 0, earned = 0, flows = 0 }
  for _, t in ipairs(threads) do
    for k, _ in pairs(sum) do sum[k] = sum[k] + (tonumber(t:get(k)) or 0) end
  end
  local sample = ""
  local ids = {}
  for _, t in ipairs(threads) do
    if sample == "" and t:get("sample_error") then sample = t:get("sample_error") end
    for _, id in ipairs(t:get("acked") or {}) do table.insert(ids, '"' .. id .. '"') end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"errors":{"connect":%d,"read":%d,"write":%d,' ..
    '"status":%d,"timeout":%d},"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f},' ..
    '"counts":{"2xx":%d,"4xx":%d,"5xx":%d,"other":%d},"earned":%d,"flows":%d,' ..
    '"sample_error":"%s","acked":[%s]}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    sum.c2xx, sum.c4xx, sum.c5xx, sum.cother, sum.earned, sum.flows, sample, table.concat(ids, ",")))
end
