import {
  InternalServiceException,
  InvalidRequestException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
} from "@aws-sdk/client-connect";
import { describe, expect, it } from "vitest";

import { ERRORS, connectCode, isRetryable } from "@/lib/errors";

import { ConnectError, classifyAttempt, toConnectError } from "./errors";

const meta = { httpStatusCode: 429, requestId: "req-1", attempts: 3 };

describe("toConnectError", () => {
  it("maps throttling to a retryable code with a message that says nothing was created", () => {
    const error = toConnectError(
      new ThrottlingException({ message: "Rate exceeded", $metadata: meta }),
    );
    expect(error).toBeInstanceOf(ConnectError);
    expect(error.code).toBe("THROTTLED");
    expect(isRetryable(connectCode(error.code))).toBe(true);
    expect(error.message).toBe(ERRORS.CONNECT_THROTTLED.message);
    expect(error.message).toMatch(/nothing was created/i);
    expect(error).toMatchObject({
      awsName: "ThrottlingException",
      httpStatus: 429,
      requestId: "req-1",
      attempts: 3,
    });
  });

  it("tells the two StartTaskContact quotas apart", () => {
    const linked = new ServiceQuotaExceededException({
      message: "Previous contact already has 12 linked tasks",
      $metadata: { httpStatusCode: 402 },
    });
    const active = new ServiceQuotaExceededException({
      message: "The instance has reached its limit of 2500 active tasks",
      $metadata: { httpStatusCode: 402 },
    });
    expect(toConnectError(linked).code).toBe("QUOTA_LINKED_TASKS");
    expect(toConnectError(active).code).toBe("QUOTA_ACTIVE_TASKS");
    expect(isRetryable(connectCode(toConnectError(linked).code))).toBe(false);
  });

  it("keeps Connect's own message for request errors", () => {
    const error = toConnectError(
      new InvalidRequestException({
        message: "Invalid reference passed",
        $metadata: { httpStatusCode: 400 },
      }),
    );
    expect(error.code).toBe("INVALID_REQUEST");
    expect(error.message).toBe("Invalid reference passed");
    expect(
      toConnectError(new ResourceNotFoundException({ message: "x", $metadata: {} })).code,
    ).toBe("NOT_FOUND");
    expect(toConnectError(new InternalServiceException({ message: "x", $metadata: {} })).code).toBe(
      "UNAVAILABLE",
    );
  });

  it("recognises timeouts, refused connections and missing credentials", () => {
    const timeout = Object.assign(new Error("Request timed out"), { name: "TimeoutError" });
    expect(toConnectError(timeout).code).toBe("TIMEOUT");
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
      code: "ECONNREFUSED",
    });
    expect(toConnectError(refused).code).toBe("UNAVAILABLE");
    const noCredentials = Object.assign(new Error("Could not load credentials"), {
      name: "CredentialsProviderError",
    });
    expect(toConnectError(noCredentials).code).toBe("CREDENTIALS");
    expect(toConnectError("boom").code).toBe("UNKNOWN");
  });
});

/**
 * Whether a failed mutation may still have taken effect. Connect refusing the request after
 * reading it, or a request that never left, is conclusive; anything that may have reached
 * Connect without a clear answer leaves the outcome unknown.
 */
describe("the outcome of a failed mutation", () => {
  const refusal = (
    Exception:
      | typeof ThrottlingException
      | typeof InvalidRequestException
      | typeof ResourceNotFoundException,
    status: number,
  ) => new Exception({ message: "no", $metadata: { httpStatusCode: status } });
  const timeout = Object.assign(
    new Error(
      "@smithy/node-http-handler - a request has exceeded the configured 300 ms requestTimeout.",
    ),
    { name: "TimeoutError", code: "ETIMEDOUT" },
  );
  const reset = Object.assign(new Error("socket hang up"), {
    name: "TimeoutError",
    code: "ECONNRESET",
  });
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
    code: "ECONNREFUSED",
  });
  const noConnection = Object.assign(
    new Error(
      "@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 3000 ms.",
    ),
    { name: "TimeoutError" },
  );
  const aborted = Object.assign(new Error("Request aborted"), { name: "AbortError" });
  const internal = new InternalServiceException({
    message: "boom",
    $metadata: { httpStatusCode: 500 },
  });

  it("classifies each attempt: refused, never sent, or ambiguous", () => {
    expect(classifyAttempt(refusal(ThrottlingException, 429))).toBe("refused");
    expect(classifyAttempt(refusal(InvalidRequestException, 400))).toBe("refused");
    expect(classifyAttempt(refusal(ResourceNotFoundException, 404))).toBe("refused");
    expect(
      classifyAttempt(
        new ServiceQuotaExceededException({
          message: "linked",
          $metadata: { httpStatusCode: 402 },
        }),
      ),
    ).toBe("refused");
    expect(classifyAttempt(refused)).toBe("not-sent");
    expect(classifyAttempt(noConnection)).toBe("not-sent");
    expect(
      classifyAttempt(Object.assign(new Error("none"), { name: "CredentialsProviderError" })),
    ).toBe("not-sent");
    expect(classifyAttempt(timeout)).toBe("ambiguous");
    expect(classifyAttempt(reset)).toBe("ambiguous");
    expect(classifyAttempt(aborted)).toBe("ambiguous");
    expect(classifyAttempt(internal)).toBe("ambiguous");
    expect(classifyAttempt(new Error("something else"))).toBe("ambiguous");
  });

  it("is conclusive when Connect refused every attempt, or nothing was sent", () => {
    const throttled = refusal(ThrottlingException, 429);
    expect(
      toConnectError(throttled, { isMutation: true, attempts: ["refused", "refused"] })
        .isOutcomeUnknown,
    ).toBe(false);
    expect(
      toConnectError(refused, { isMutation: true, attempts: ["not-sent", "not-sent"] })
        .isOutcomeUnknown,
    ).toBe(false);
  });

  it("is unknown after a timeout, a reset, a 5xx or an unclassified error", () => {
    for (const error of [timeout, reset, internal, aborted, new Error("odd")]) {
      const mapped = toConnectError(error, { isMutation: true, attempts: ["ambiguous"] });
      expect(mapped.isOutcomeUnknown).toBe(true);
      expect(mapped.message).toMatch(/did not confirm/);
    }
  });

  it("is unknown when a conclusive-looking error follows an ambiguous attempt", () => {
    const mapped = toConnectError(refusal(ThrottlingException, 429), {
      isMutation: true,
      attempts: ["ambiguous", "refused"],
    });
    expect(mapped.code).toBe("THROTTLED");
    expect(mapped.isOutcomeUnknown).toBe(true);
    expect(mapped.message).not.toMatch(/nothing was created/i);
  });

  it("is unknown when the overall deadline ends the call between attempts", () => {
    // The retry loop's own abort error never reached an attempt; the earlier attempts did.
    expect(
      toConnectError(aborted, { isMutation: true, attempts: ["refused"] }).isOutcomeUnknown,
    ).toBe(true);
  });

  it("never applies to reads, which change nothing", () => {
    expect(toConnectError(timeout, { attempts: ["ambiguous"] }).isOutcomeUnknown).toBe(false);
    expect(toConnectError(timeout).isOutcomeUnknown).toBe(false);
  });
});
