import { currentToken, tokenExpiry } from "../components/arm/token";

const jwt = (exp: number) => `e30.${Buffer.from(JSON.stringify({ exp })).toString("base64url")}.sig`;
const now = Date.UTC(2026, 10, 25, 12);

test("the expiry is read from the JWT", () => {
    expect(tokenExpiry(jwt(now / 1000))).toBe(now);
    expect(tokenExpiry("not-a-jwt")).toBeUndefined();
});

test("a stored token with time left is used as is", async () => {
    const token = jwt(now / 1000 + 3600);
    await expect(currentToken(token, now, {})).resolves.toBe(token);
});

test("an expired token with no credentials to renew it is returned, for ARM's 401 to explain", async () => {
    const token = jwt(now / 1000 - 60);
    await expect(currentToken(token, now, { PATH: "/nonexistent" })).resolves.toBe(token);
});

test("no token at all is an error that names where tokens come from", async () => {
    await expect(currentToken(undefined, now, { PATH: "/nonexistent" })).rejects.toThrow(/ARM_CLIENT_ID\/ARM_CLIENT_SECRET\/ARM_TENANT_ID/);
});
