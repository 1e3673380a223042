-- wrk script for bench/speed-and-scale.sh: one scenario per run, varied requests.
-- WRK_SCENARIO=update wrk ... -s bench/guanxi.lua URL -- SCENARIO TOKEN SESSION MAX_CUSTOMER_ID \
--   [UPDATE_FIRST_ID UPDATE_COUNT WRK_THREADS [DEEP_CURSORS]]
-- DEEP_CURSORS: comma-separated list cursors (JdbcBaseline cursors) for the deep-key scenario.
-- (WRK_SCENARIO in the environment too, as earlier versions read it.) Errors count failed connections, statuses of
-- 400 and above, and redirects: a page request sent to the login page did not show the page.

local function enc(s)
  return (s:gsub("[^%w%-_%.~=&%?/]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local lists = {
  "/api/v1/customers?valueTier=VIP&province=浙江省&sort=name",
  "/api/v1/customers?lifecycleStage=GROWTH&sort=name",
  "/api/v1/customers?customerType=BUSINESS&province=广东省",
  "/api/v1/customers?tag=展会",
}
local names = {"明", "王", "华", "李", "王明", "张伟", "李娜", "科技", "杭州云", "zhang", "wang"}
local phones = {"138", "1391", "13800", "186", "1501"}

local scenario, token, session, customers
local first_id, count
local free = {}      -- update: customer id -> version, ids not in flight
local counter = 0

local generators = {}

function generators.list() return wrk.format("GET", enc(lists[math.random(#lists)])) end
function generators.deep() return wrk.format("GET", "/api/v1/customers?page=" .. math.random(150, 201)) end
local cursors = {}
function generators.deep_key()
  return wrk.format("GET", "/api/v1/customers?after=" .. cursors[math.random(#cursors)])
end
generators["deep-key"] = generators.deep_key
function generators.search_name() return wrk.format("GET", "/api/v1/customers?q=" .. enc(names[math.random(#names)])) end
function generators.search_phone() return wrk.format("GET", "/api/v1/customers?q=" .. phones[math.random(#phones)]) end
generators["search-name"] = generators.search_name
generators["search-phone"] = generators.search_phone
generators["360"] = function() return wrk.format("GET", "/customers/" .. math.random(customers)) end
function generators.board() return wrk.format("GET", "/sales/opportunities") end
function generators.funnel() return wrk.format("GET", "/api/v1/funnel") end
function generators.mixed()
  local pick = math.random(10)
  if pick <= 3 then return generators.list()
  elseif pick == 4 then return generators.deep()
  elseif pick <= 6 then return generators.search_name()
  elseif pick == 7 then return generators.search_phone()
  else return generators["360"]() end
end

-- a phone number of its own for each created customer: one number shared by thousands of benchmark rows made the
-- phone search of later runs read them all (and every create checked them all as duplicates)
local function phone() return string.format("199%08d", math.random(0, 99999999)) end

local function body(name)
  return '{"kind":"PERSON","name":"' .. name .. '","customerType":"CONSUMER","settlement":"CASH",'
      .. '"valueTier":"MEDIUM","province":"浙江省","city":"杭州市","phone":"' .. phone() .. '","tags":["bench"]}'
end

function generators.create()
  counter = counter + 1
  return wrk.format("POST", "/api/v1/customers", nil, body("压测客户 " .. counter))
end

function generators.update()
  local id, version = next(free)
  if id == nil then -- every customer of this thread is in flight: read one (should not happen)
    return wrk.format("GET", "/api/v1/customers/" .. first_id)
  end
  free[id] = nil
  counter = counter + 1
  local headers = {["If-Match"] = '"' .. version .. '"'}  -- wrk.format uses these instead of wrk.headers
  for k, v in pairs(wrk.headers) do headers[k] = v end
  return wrk.format("PUT", "/api/v1/customers/" .. id, headers, body("压测更新 " .. counter))
end

-- the mixed read with one create in 50 requests (at 150–500 requests/s, 3–10 new customers a second): each create
-- makes every kept list page and count be read again, so this shows the lists as they are while people also work
generators["mixed-writes"] = function()
  if math.random(50) == 1 then return generators.create() end
  return generators.mixed()
end

local threads = {}
function setup(thread)
  thread:set("thread_index", #threads)
  table.insert(threads, thread)
end

function init(args)
  scenario, token, session, customers = args[1], args[2], args[3], tonumber(args[4])
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Cookie"] = "SESSION=" .. session
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept-Language"] = "en"
  math.randomseed(os.time() + thread_index * 7919)
  if scenario == "update" then
    -- disjoint ids per thread, all at version 0 (fresh customers made by the script)
    local total, nthreads = tonumber(args[6]), tonumber(args[7])
    local per = math.floor(total / nthreads)
    first_id = tonumber(args[5]) + thread_index * per
    for id = first_id, first_id + per - 1 do free[id] = 0 end
  end
  for c in string.gmatch(args[8] or "", "[^,]+") do table.insert(cursors, c) end
  if (scenario == "deep-key" or scenario == "deep_key") and #cursors == 0 then error("deep-key needs cursors") end
  if generators[scenario] == nil then error("unknown scenario " .. scenario) end
end

function request()
  return generators[scenario]()
end

redirects = 0 -- per thread (a global, read in done()): a page answered with a redirect (to the login) failed

function response(status, headers, body)
  if status >= 300 and status < 400 then redirects = redirects + 1 end
  if scenario ~= "update" then return end
  local id = body and body:match('"id":(%d+)')
  local etag = headers["ETag"] or headers["Etag"] or headers["etag"]
  if id and etag and status == 200 then
    free[tonumber(id)] = tonumber(etag:match("%d+"))
  end
end

done = function(summary, latency, requests)
  local redirected = 0
  for _, t in ipairs(threads) do redirected = redirected + (t:get("redirects") or 0) end
  io.write(string.format("RESULT\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%d\t%d\n", summary.requests,
      summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
      latency:percentile(99) / 1000,
      summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
          + summary.errors.timeout + redirected, summary.duration))
end
