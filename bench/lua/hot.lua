-- POST /v1/orders for ONE member from many connections; adds up the points of every
-- acknowledged (201) earn so that run.py can check that no update was lost.
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "common.lua")

function request()
  local id = next_key("hot")
  local body = '{"order_id":"' .. id .. '","member_id":"' .. HOT_MEMBER .. '","amount":"' ..
    ORDER_AMOUNT .. '","currency":"RUB","lines":' .. order_lines_json() .. '}'
  return post("/v1/orders", body, id)
end

function on_response(status, body)
  if status == 201 then
    local points = body:match('"earned_points"%s*:%s*(%-?%d+)')
    if points then earned = earned + tonumber(points) end
    local id = body:match('"order_id"%s*:%s*"([^"]+)"')
    if id then table.insert(acked, id) end
  end
end
