/** Accounts and role grants as the API and CLI accept them. */
import { z } from "zod";
import { Role } from "@accord/domain";

export const Email = z
  .string()
  .trim()
  .max(254, "must be at most 254 characters")
  .email("must be an e-mail address")
  .transform((value) => value.toLowerCase());
export const PersonName = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
export const Password = z.string().min(12, "must be at least 12 characters").max(200, "must be at most 200 characters");

export const CreateUserBody = z
  .object({
    email: Email,
    name: PersonName,
    organisation: z.string().max(80).optional(),
  })
  .strict();

const Slug = z.string().regex(/^[a-z0-9-]{1,80}$/, "must be lower-case letters, digits and hyphens");

/** The scope a role needs: officer → agreement + indicator; partner → organisation; lsp → district. */
export const GrantBody = z
  .object({
    role: Role,
    agreement: Slug.optional(),
    indicator: Slug.optional(),
    organisation: Slug.optional(),
    district: z.string().regex(/^[A-Z0-9]{2,12}$/, "must be an ONS code such as E07000114").optional(),
  })
  .strict();
export type GrantBody = z.infer<typeof GrantBody>;

export { UserView } from "@accord/domain";
