/** Query parameters of the composer's lookup route handlers. */
import { z } from "zod";

import { TASK_LIMITS } from "@/lib/task/limits";

export const instanceQuery = z.object({
  instanceId: z.string().trim().min(1, "instanceId is required").max(TASK_LIMITS.instanceIdMax),
});

export const templateQuery = instanceQuery.extend({
  templateId: z.string().trim().min(1, "templateId is required").max(TASK_LIMITS.taskTemplateIdMax),
});

export const contactQuery = instanceQuery.extend({
  contactId: z.string().trim().min(1, "contactId is required").max(TASK_LIMITS.contactIdMax),
});
