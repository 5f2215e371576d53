import { z } from "zod";

export const signInSchema = z.object({
  email: z.email("Enter the email address of your console account.").max(320),
  password: z
    .string()
    .min(1, "Enter your password.")
    .max(256, "Passwords are at most 256 characters."),
});
