-- POST /tx on bench/baseline_app.py: one TPC-B-like transaction on a random account.
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "common.lua")

local accounts = tonumber(os.getenv("BENCH_ACCOUNTS") or "100000")
function request()
  local body = string.format('{"aid":%d,"tid":%d,"bid":%d,"delta":%d}', math.random(1, accounts),
    math.random(1, 1000), math.random(1, 100), math.random(-5000, 5000))
  return post("/tx", body, nil)
end
