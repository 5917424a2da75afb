-- POST /v1/members: a new member each time (harness check before the ledger exists).
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "common.lua")

function request()
  local id = next_key("new")
  return post("/v1/members", '{"member_id":"' .. id .. '"}', id)
end
