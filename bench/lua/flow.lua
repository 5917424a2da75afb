-- The checkout flow, chained: quote -> hold -> order (capturing the hold), then a new
-- flow for another member. run.py gives every wrk thread exactly one connection, so
-- this thread state is that connection's state and each answer feeds its next request.
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "common.lua")

local REDEEM = 100
local step, member, order_id, hold_id, points = "quote", nil, nil, nil, 0

local function order_json(extra)
  return '{"order_id":"' .. order_id .. '","member_id":"' .. member .. '","amount":"' .. ORDER_AMOUNT ..
    '","currency":"RUB","lines":' .. order_lines_json() .. extra .. '}'
end

function request()
  if step == "quote" then
    member, order_id, hold_id = random_member(), next_key("f"), nil
    return post("/v1/checkout/quote", '{"member_id":"' .. member .. '","redeem_points":' .. REDEEM ..
      ',"order":{"amount":"' .. ORDER_AMOUNT .. '","currency":"RUB","lines":' .. order_lines_json() .. '}}',
      nil)
  elseif step == "hold" then
    return post("/v1/holds", '{"member_id":"' .. member .. '","points":' .. points .. ',"order_id":"' ..
      order_id .. '"}', "h" .. order_id)
  else
    local extra = hold_id and (',"hold_id":"' .. hold_id .. '"') or ""
    return post("/v1/orders", order_json(extra), order_id)
  end
end

function on_response(status, body)
  if status >= 300 then step = "quote"; return end
  if step == "quote" then
    points = tonumber(body:match('"applied_points"%s*:%s*(%d+)') or "0")
    step = points > 0 and "hold" or "order"
  elseif step == "hold" then
    hold_id = body:match('"hold_id"%s*:%s*"([^"]+)"')
    step = hold_id and "order" or "quote"
  else
    flows = flows + 1
    step = "quote"
  end
end
