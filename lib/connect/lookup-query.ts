/** Query parameters of the composer's lookup route handlers. */
import { z } from "zod";

export const instanceQuery = z.object({
  instanceId: z.string().trim().min(1, "instanceId is required").max(100),
});

export const templateQuery = instanceQuery.extend({
  templateId: z.string().trim().min(1, "templateId is required").max(500),
});

export const contactQuery = instanceQuery.extend({
  contactId: z.string().trim().min(1, "contactId is required").max(256),
});
