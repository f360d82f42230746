/** E-mail as the API answers it: whether it is set up, each delivery, the distribution list. */
import { z } from "zod";
import { CreatedUserView } from "./accounts-api.js";

export const DeliveryView = z.object({
  id: z.number().int(),
  recipient: z.string(),
  /** Why this address receives it: "manager", "partner for Kent Police", "distribution list". */
  reason: z.string(),
  status: z.enum(["sending", "accepted", "failed"]),
  /** The mail server's refusal or the connection error, when it failed. */
  failure: z.string().nullable(),
  attempts: z.number().int(),
  /** When the last attempt finished (null while one is under way). */
  at: z.string().nullable(),
});
export type DeliveryView = z.infer<typeof DeliveryView>;

export const DeliveryListView = z.object({
  /** Whether this server has an SMTP server to send through (ACCORD_SMTP_URL). */
  mailConfigured: z.boolean(),
  deliveries: z.array(DeliveryView),
});
export type DeliveryListView = z.infer<typeof DeliveryListView>;

export const ResentView = z.object({ resent: z.number().int(), deliveries: z.array(DeliveryView) });

export const MailStatusView = z.object({ mailConfigured: z.boolean() });

export const DistributionEntryView = z.object({ email: z.string(), name: z.string().nullable(), addedAt: z.string() });
export const DistributionListView = z.object({ entries: z.array(DistributionEntryView) });
export type DistributionListView = z.infer<typeof DistributionListView>;

/** How an invitation went: its link to pass on, and the e-mail if one was sent. */
export const InvitationView = z.object({ link: z.string().nullable(), delivery: DeliveryView.nullable() });

export const InvitedUserView = CreatedUserView.extend({ invitation: InvitationView });
export type InvitationView = z.infer<typeof InvitationView>;
