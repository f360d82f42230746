/** The distribution list as the API accepts it: a valid address and an optional name. */
import { z } from "zod";
import { Email, PersonName } from "../users/schema.js";

export const DistributionEntryBody = z.object({ email: Email, name: PersonName.optional() }).strict();
export const DistributionEmailParam = z.object({ email: Email });
export const ResendBody = z.object({}).strict().optional();
