/**
 * ACCORD_TRUST_PROXY: behind a reverse proxy every request arrives from the proxy, so the client's
 * address (for pausing sign-in guessing per address) and whether it used TLS (for the cookie's
 * Secure flag) come from X-Forwarded-For and X-Forwarded-Proto — but only when the proxy is
 * trusted; otherwise anyone could send those headers and pick their own address.
 */
import { isIP } from "node:net";
import { AppError } from "../errors.js";

/** What Fastify's trustProxy accepts: nothing, the proxies' addresses, or which hops to trust. */
export type TrustProxy = false | string[] | ((address: string, hop: number) => boolean);

/**
 * One proxy in front, whatever its address: believe only what the connecting hop says. (Fastify's
 * own `true` trusts every hop, so a client's own X-Forwarded-For would choose its address.)
 */
const connectingProxyOnly = (_address: string, hop: number): boolean => hop === 0;

/**
 * Unset, "" or "false": trust no proxy. "true": one proxy, the one that connects (Accord is
 * reachable only through it). Otherwise a comma-separated list of the proxies' addresses or CIDR
 * ranges.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? "").trim();
  if (value === "" || value === "false") return false;
  if (value === "true") return connectingProxyOnly;
  const entries = value.split(",").map((entry) => entry.trim()).filter((entry) => entry !== "");
  for (const entry of entries) {
    const [address, bits, ...rest] = entry.split("/");
    const family = isIP(address ?? "");
    const maxBits = family === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || !bitsOk || rest.length > 0) {
      throw new AppError(
        "BAD_REQUEST",
        `ACCORD_TRUST_PROXY must be true, false, or the proxies' addresses (e.g. 10.0.0.5 or 10.0.0.0/8), not "${entry}"`,
        { field: "ACCORD_TRUST_PROXY" },
      );
    }
  }
  return entries;
}
