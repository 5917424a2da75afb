-- POST /v1/orders: a new 3-line paid order for a random member, with an Idempotency-Key.
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "common.lua")

function request()
  local id = next_key("o")
  local body = '{"order_id":"' .. id .. '","member_id":"' .. random_member() .. '","amount":"' ..
    ORDER_AMOUNT .. '","currency":"RUB","lines":' .. order_lines_json() .. '}'
  return post("/v1/orders", body, id)
end
