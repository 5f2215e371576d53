import "server-only";

import { DescribeInstanceCommand } from "@aws-sdk/client-connect";

import { serverEnv } from "@/lib/env";

import { type ConnectSettings, callConnect, connectSettings } from "./client";
import { toConnectError } from "./errors";

export interface InstanceOverview {
  id: string;
  alias: string;
  status: string;
  createdAt: Date | null;
  inboundCalls: boolean;
  outboundCalls: boolean;
}

export type InstanceResult =
  { ok: true; instance: InstanceOverview } | { ok: false; id: string; error: string };

export interface ConnectOverview extends ConnectSettings {
  instances: InstanceResult[];
}

export async function describeInstance(id: string): Promise<InstanceOverview> {
  const { Instance } = await callConnect(new DescribeInstanceCommand({ InstanceId: id }));
  return {
    id,
    alias: Instance?.InstanceAlias ?? id,
    status: Instance?.InstanceStatus ?? "UNKNOWN",
    createdAt: Instance?.CreatedTime ?? null,
    inboundCalls: Instance?.InboundCallsEnabled ?? false,
    outboundCalls: Instance?.OutboundCallsEnabled ?? false,
  };
}

/** What the console is connected to: one DescribeInstance per configured instance. */
export async function describeConnectOverview(): Promise<ConnectOverview> {
  const instances = await Promise.all(
    serverEnv().CONNECT_INSTANCE_ID.map(async (id): Promise<InstanceResult> => {
      try {
        return { ok: true, instance: await describeInstance(id) };
      } catch (error) {
        return { ok: false, id, error: toConnectError(error).message };
      }
    }),
  );
  return { ...connectSettings(), instances };
}
