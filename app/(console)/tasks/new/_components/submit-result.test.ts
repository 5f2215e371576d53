import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { AppError, ERRORS, type ErrorCode, toFailure } from "@/lib/errors";

import { SubmitProblems } from "./submit-result";

/**
 * The composer's submit problems read the vocabulary (lib/errors.ts): the message the server
 * sent, which is the table's unless the failure has a more specific one, and a Retry button
 * exactly for the codes the table calls retryable, or when the outcome is unknown.
 */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
const render = (failure: Parameters<typeof SubmitProblems>[0]["failure"]) =>
  renderToStaticMarkup(createElement(SubmitProblems, { failure, onRetry: () => undefined }));
const hasRetry = (html: string) => />Retry<\/button>/.test(html);

describe("SubmitProblems", () => {
  it("shows the table's message, and Retry only for the codes the table calls retryable", () => {
    for (const code of Object.keys(ERRORS) as ErrorCode[]) {
      const html = render(toFailure(new AppError(code)));
      expect(text(html), code).toContain(ERRORS[code].message);
      expect(hasRetry(html), code).toBe(ERRORS[code].isRetryable);
    }
  });

  it("says Connect was busy in the vocabulary's words, with the draft kept", () => {
    const html = text(render(toFailure(new AppError("CONNECT_THROTTLED"))));
    expect(html).toContain("Connect is busy, nothing was created. Retry.");
    expect(html).toContain("Your draft and its client token are kept");
  });

  it("offers Retry for an unknown outcome whatever its code", () => {
    const failure = toFailure(new AppError("CONNECT_INVALID_REQUEST", { message: "Lost." }), {
      isOutcomeUnknown: true,
    });
    const html = render(failure);
    expect(hasRetry(html)).toBe(true);
    expect(text(html)).toContain("Lost.");
  });

  it("is an empty live region without a failure", () => {
    expect(text(render(null)).trim()).toBe("");
  });
});
