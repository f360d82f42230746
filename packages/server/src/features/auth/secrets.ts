/** Random tokens and their stored hashes; passwords hashed with argon2id. */
import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// Algorithm.Argon2id in @node-rs/argon2 (a const enum, which isolated modules cannot read).
const argon2id = 2;

export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: argon2id });
}

export async function passwordMatches(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** A password a person can type from a one-time print-out: five groups of four letters and digits. */
export function generatePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = randomBytes(20);
  const characters = [...bytes].map((byte) => alphabet[byte % alphabet.length]);
  return [0, 4, 8, 12, 16].map((start) => characters.slice(start, start + 4).join("")).join("-");
}
