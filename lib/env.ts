import { z } from "zod";

/**
 * Server configuration, validated once. A bad value stops the start with a message that names the
 * variable. Nothing here may carry a NEXT_PUBLIC_ prefix: AWS settings never reach the browser.
 */
const instanceIdList = z
  .string()
  .trim()
  .min(1, "must name at least one Amazon Connect instance id")
  .transform((value) => value.split(",").map((id) => id.trim()))
  .pipe(
    z
      .array(
        z
          .string()
          .regex(/^[A-Za-z0-9:/_-]{1,100}$/, "each instance id is 1-100 letters, digits, - or _"),
      )
      .min(1),
  );

const serverSchema = z.object({
  CONNECT_INSTANCE_ID: instanceIdList,
  AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS Region such as us-east-1")
    .default("us-east-1"),
  CONNECT_ENDPOINT: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
});

export type ServerEnv = z.infer<typeof serverSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/**
 * Validates the server environment. With `isBuild`, variables that are only needed at run time may
 * be missing (one build can be deployed with different settings), but a value that is present
 * must still be valid.
 */
export function parseServerEnv(
  source: Record<string, string | undefined>,
  { isBuild = false }: { isBuild?: boolean } = {},
): ServerEnv {
  // Empty strings mean "unset" (a blank line in .env should not fail validation).
  const present = Object.fromEntries(
    Object.entries(source).filter(([key, value]) => key in serverSchema.shape && value !== ""),
  );
  const schema = isBuild ? serverSchema.partial() : serverSchema;
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  ${String(issue.path[0] ?? "(env)")}: ${issue.message}`,
    );
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data as ServerEnv;
}

let cached: ServerEnv | undefined;

/** The validated server environment, parsed on first use. */
export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}
