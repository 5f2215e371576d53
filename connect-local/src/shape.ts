/**
 * Trims an operation's answer to its modeled output shape, recursively: members the model does not
 * define are dropped (seed objects carry a few extras), undefined members are left out, and
 * timestamps are always epoch-second numbers (an ISO string would break the SDK:
 * docs/connect-api.md, Wire protocol). An explicit null is kept where the handler chose it (e.g.
 * `"NextToken": null`), which the SDK accepts.
 */
import { shapeOf, type ServiceModel } from "./model";

export function shapeOutput(model: ServiceModel, shapeName: string, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case "structure": {
      if (typeof value !== "object") return value;
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        if (source[name] === undefined) continue;
        out[name] = shapeOutput(model, ref.shape, source[name]);
      }
      return out;
    }
    case "list": {
      const member = shape.member;
      return Array.isArray(value) && member
        ? value.map((v) => shapeOutput(model, member.shape, v))
        : value;
    }
    case "map": {
      if (typeof value !== "object" || !shape.value) return value;
      const valueShape = shape.value.shape;
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [
          k,
          shapeOutput(model, valueShape, v),
        ]),
      );
    }
    case "timestamp":
      if (value instanceof Date) return value.getTime() / 1000;
      if (typeof value === "string") return Date.parse(value) / 1000;
      return value;
    default:
      return value;
  }
}
