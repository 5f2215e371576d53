import {
  InternalServiceException,
  InvalidRequestException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
} from "@aws-sdk/client-connect";
import { describe, expect, it } from "vitest";

import { ConnectError, toConnectError } from "./errors";

const meta = { httpStatusCode: 429, requestId: "req-1", attempts: 3 };

describe("toConnectError", () => {
  it("maps throttling to a retryable code with a message that says nothing was created", () => {
    const error = toConnectError(
      new ThrottlingException({ message: "Rate exceeded", $metadata: meta }),
    );
    expect(error).toBeInstanceOf(ConnectError);
    expect(error.code).toBe("THROTTLED");
    expect(error.isRetryable).toBe(true);
    expect(error.message).toMatch(/Nothing was created/);
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
    expect(toConnectError(linked).isRetryable).toBe(false);
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
