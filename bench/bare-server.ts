/**
 * The yardstick for npm run bench: a bare Fastify 5 server, in its own process as Accord is, that
 * answers each benchmarked request with the bytes Accord answered it with, and does nothing else.
 * Reads its routes from the JSON file named on the command line; prints its address.
 */
import { readFileSync } from "node:fs";
import Fastify from "fastify";

export interface BareRoute {
  method: "GET" | "POST" | "PUT";
  url: string;
  status: number;
  contentType: string;
  bodyBase64: string;
}

const routes = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as BareRoute[];
const app = Fastify({ logger: false });
for (const route of routes) {
  const body = Buffer.from(route.bodyBase64, "base64");
  const [path] = route.url.split("?");
  app.route({ method: route.method, url: path ?? route.url, handler: async (_request, reply) => reply.status(route.status).type(route.contentType).send(body) });
}
const address = await app.listen({ port: 0, host: "127.0.0.1" });
process.stdout.write(`listening ${address}\n`);
process.once("SIGTERM", () => void app.close().then(() => process.exit(0)));
