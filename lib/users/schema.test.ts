/** Every free text of the account inputs is bounded, with a message next to the field. */
import { describe, expect, it } from "vitest";
import { z } from "zod";

import { createUserSchema, signInSchema } from "./schema";

/** The first message of each field the schema refused. */
const messages = (result: { error?: z.ZodError | undefined }) =>
  Object.fromEntries(
    Object.entries(result.error ? z.flattenError(result.error).fieldErrors : {}).map(
      ([field, texts]) => [field, (texts as string[])[0]],
    ),
  );

describe("bounded inputs", () => {
  it("sign-in: an over-long email is refused by its length", () => {
    expect(
      messages(signInSchema.safeParse({ email: `${"a".repeat(400)}@example.com`, password: "x" })),
    ).toEqual({ email: "Enter the email address of your console account." });
  });

  it("user creation: the email and the password by their length", () => {
    const user = { name: "Ada", role: "lead", password: "p".repeat(12) };
    expect(
      messages(createUserSchema.safeParse({ ...user, email: `${"a".repeat(320)}@example.com` })),
    ).toEqual({ email: "Email addresses are at most 320 characters." });
    expect(
      messages(
        createUserSchema.safeParse({
          ...user,
          email: "ada@example.com",
          password: "p".repeat(257),
        }),
      ),
    ).toEqual({ password: "Passwords are at most 256 characters." });
    expect(
      messages(signInSchema.safeParse({ email: "ada@example.com", password: "p".repeat(257) })),
    ).toEqual({ password: "Passwords are at most 256 characters." });
  });
});
