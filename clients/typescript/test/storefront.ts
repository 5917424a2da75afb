// A storefront session through the typed client, against the server at LOYALTY_URL
// (run by tests/contract/test_sdk_clients.py): token -> enrol -> quote -> hold -> order capturing
// the hold -> partial return -> balance -> ledger page -> member token -> /v1/me/tier.
// Prints the figures as JSON; any problem answer fails with its code.
import { createLoyaltyClient } from "../src/index";

function need<T>(answer: { data?: T; error?: unknown; response: Response }, step: string): T {
  if (answer.data === undefined) {
    throw new Error(`${step}: ${answer.response.status} ${JSON.stringify(answer.error)}`);
  }
  return answer.data;
}

const env = (name: string): string => process.env[name] ?? "";
const url = env("LOYALTY_URL");
const member = env("MEMBER_ID");
const orderId = `o-${member}`;

const token = need(await createLoyaltyClient(url).POST("/v1/auth/token", {
  body: { grant_type: "client_credentials", client_id: env("CLIENT_ID"), client_secret: env("CLIENT_SECRET") },
}), "token");
const shop = createLoyaltyClient(url, token.access_token);
need(await shop.POST("/v1/members", { body: { member_id: member } }), "enrol");
need(await shop.POST("/v1/members/{member_id}/adjustments", {
  params: { path: { member_id: member } }, body: { points: 500, reason: "welcome gift" },
}), "adjustment");
const order = { amount: "1000.00", currency: "RUB" };
const quote = need(await shop.POST("/v1/checkout/quote", {
  body: { member_id: member, order, redeem_points: 300 },
}), "quote");
const hold = need(await shop.POST("/v1/holds", {
  body: { member_id: member, points: quote.redeem?.applied_points ?? 0, order_id: orderId },
}), "hold");
const paid = need(await shop.POST("/v1/orders", {
  params: { header: { "Idempotency-Key": `k-${member}` } },
  body: { order_id: orderId, member_id: member, ...order, hold_id: hold.hold_id ?? null },
}), "order");
const returned = need(await shop.POST("/v1/orders/{order_id}/returns", {
  params: { path: { order_id: orderId } }, body: { return_id: `r-${member}`, amount: "100.00" },
}), "return");
const balance = need(await shop.GET("/v1/members/{member_id}/balance", {
  params: { path: { member_id: member } },
}), "balance");
const page = need(await shop.GET("/v1/members/{member_id}/ledger", {
  params: { path: { member_id: member }, query: { limit: 2 } },
}), "ledger");
const issued = need(await shop.POST("/v1/members/{member_id}/tokens", {
  params: { path: { member_id: member } }, body: { ttl_seconds: 300 },
}), "member token");
const app = createLoyaltyClient(url, issued.access_token ?? "");
const tier = need(await app.GET("/v1/me/tier"), "my tier");
const refused = await shop.POST("/v1/holds", { body: { member_id: member, points: 1_000_000 } });

console.log(JSON.stringify({
  quote: [quote.available, quote.redeem?.applied_points, quote.earn_points],
  order: [paid.redeemed_points, paid.earned_points, paid.paid_amount],
  returned: [returned.points_reversed, returned.points_refunded],
  balance: [balance.available, balance.pending, balance.held],
  ledger: [page.items?.length, Boolean(page.next_cursor)],
  tier: tier.member_id,
  refused: refused.error?.code,
}));
