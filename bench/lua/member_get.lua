-- GET /v1/members/{member_id} of a random loaded member.
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "common.lua")

function request()
  return get("/v1/members/" .. random_member())
end
