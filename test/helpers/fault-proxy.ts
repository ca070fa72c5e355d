/**
 * A JSON-RPC proxy on 127.0.0.1 that stands between the tasks and a real `hardhat node` and
 * misbehaves as hosted RPCs do: per method and per call it answers HTTP 429 with a
 * Retry-After, a JSON-RPC -32005 "limit exceeded", a 5xx with an HTML page, resets the
 * connection (before forwarding, or after the node answered), delays, or hangs. Every fault
 * is bounded in count (`times`) and in time (a delay or hang ends after `ms`), and every
 * fault that fires is logged, so a test can assert that it did.
 */
import http from "http";
import type { AddressInfo, Socket } from "net";

export type Fault =
  /** HTTP 429 Too Many Requests with a Retry-After header (seconds; default 1). */
  | { kind: "rate-limit"; retryAfterSeconds?: number }
  /** HTTP 200 with a JSON-RPC error -32005 "limit exceeded", as Infura and Alchemy answer. */
  | { kind: "limit-exceeded" }
  /** A gateway's error page: a 5xx status (default 503) with an HTML body. */
  | { kind: "server-error"; status?: number }
  /** The connection closed without an answer: before the node saw the request, or after it answered. */
  | { kind: "reset"; when: "before" | "after" }
  /** Forwarded after `ms`. */
  | { kind: "delay"; ms: number }
  /** No answer for `ms` (then the connection is closed): before forwarding, or after the node answered. */
  | { kind: "hang"; ms: number; when: "before" | "after" };

export interface FaultRule {
  /** The JSON-RPC method, or "*" for every method (calls then counted over all of them). */
  method: string;
  /**
   * Which calls of the method fire (1-based, counting the calls that no rule added before
   * this one faulted): exactly these,
   */
  calls?: number[];
  /** or every nth, */
  every?: number;
  /** or every call from this one on (default: the next call). */
  from?: number;
  /** At most this many times (default: the length of `calls`, else 1). */
  times?: number;
  fault: Fault;
}

export interface FiredFault {
  method: string;
  /** The call's number among the rule's calls. */
  call: number;
  kind: Fault["kind"];
  params: unknown[];
}

export interface ProxiedCall {
  method: string;
  params: unknown[];
  /** The node's result, when it answered and the proxy passed the answer on. */
  result?: unknown;
}

interface ActiveRule extends FaultRule {
  seen: number;
  fired: number;
  limit: number;
}

interface JsonRpcRequest {
  jsonrpc: string;
  id: number | string;
  method: string;
  params?: unknown[];
}

const MAX_FAULT_MS = 60_000;

export class FaultProxy {
  private readonly rules: ActiveRule[] = [];
  private readonly firedLog: FiredFault[] = [];
  private readonly callLog: ProxiedCall[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly watchers = new Set<() => void>();
  private readonly taps: Array<{
    method: string;
    left: number;
    action: (params: unknown[]) => Promise<void>;
  }> = [];

  private constructor(
    private readonly server: http.Server,
    private readonly target: URL,
    public readonly url: string,
  ) {}

  /** Starts a proxy to `targetUrl` on a free port of 127.0.0.1. */
  static async start(targetUrl: string): Promise<FaultProxy> {
    const ready: { proxy?: FaultProxy } = {};
    const server = http.createServer((req, res) => void ready.proxy!.handle(req, res));
    server.on("connection", (socket) => {
      ready.proxy?.sockets.add(socket);
      socket.once("close", () => ready.proxy?.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    ready.proxy = new FaultProxy(server, new URL(targetUrl), `http://127.0.0.1:${port}`);
    return ready.proxy;
  }

  /** Adds a fault; it fires on the matching calls made from now on. */
  inject(rule: FaultRule): void {
    const ms = rule.fault.kind === "delay" || rule.fault.kind === "hang" ? rule.fault.ms : 0;
    if (ms > MAX_FAULT_MS) throw new Error(`a fault lasts at most ${MAX_FAULT_MS} ms`);
    const limit = rule.times ?? rule.calls?.length ?? 1;
    this.rules.push({ ...rule, seen: 0, fired: 0, limit });
  }

  /** Runs `action` just before the next `times` calls of `method` are passed on to the node. */
  tap(method: string, action: (params: unknown[]) => Promise<void>, times = 1): void {
    this.taps.push({ method, left: times, action });
  }

  /** Removes every fault not fired yet and forgets the logs. */
  reset(): void {
    this.rules.length = 0;
    this.taps.length = 0;
    this.firedLog.length = 0;
    this.callLog.length = 0;
  }

  /** The faults that fired, optionally of one method or kind. */
  fired(filter: { method?: string; kind?: Fault["kind"] } = {}): FiredFault[] {
    return this.firedLog.filter(
      (f) =>
        (filter.method === undefined || f.method === filter.method) &&
        (filter.kind === undefined || f.kind === filter.kind),
    );
  }

  /** The calls the proxy passed on to the node, optionally of one method. */
  calls(method?: string): ProxiedCall[] {
    return this.callLog.filter((c) => method === undefined || c.method === method);
  }

  /** Resolves with the first call passed on (past or future) that matches, or rejects after `timeoutMs`. */
  waitForCall(match: (call: ProxiedCall) => boolean, timeoutMs = 60_000): Promise<ProxiedCall> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.callLog.find(match);
        if (found === undefined) return;
        clearTimeout(timer);
        this.watchers.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.watchers.delete(check);
        reject(new Error(`no matching call reached the proxy within ${timeoutMs} ms`));
      }, timeoutMs);
      this.watchers.add(check);
      check();
    });
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * The fault of this call of `method`: rules are asked in the order they were added, and a
   * call that one rule faults is not counted by the rules after it (add exact calls first).
   */
  private faultFor(method: string, params: unknown[]): Fault | undefined {
    for (const rule of this.rules) {
      if (rule.method !== "*" && rule.method !== method) continue;
      rule.seen += 1;
      if (rule.fired >= rule.limit) continue;
      const n = rule.seen;
      const hit =
        rule.calls !== undefined
          ? rule.calls.includes(n)
          : rule.every !== undefined
            ? n % rule.every === 0
            : n >= (rule.from ?? 1);
      if (!hit) continue;
      rule.fired += 1;
      this.firedLog.push({ method, call: n, kind: rule.fault.kind, params });
      return rule.fault;
    }
    return undefined;
  }

  private log(call: ProxiedCall): void {
    this.callLog.push(call);
    for (const watcher of [...this.watchers]) watcher();
  }

  private later(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    let request: JsonRpcRequest | JsonRpcRequest[];
    try {
      request = JSON.parse(body) as JsonRpcRequest | JsonRpcRequest[];
    } catch {
      res.writeHead(400).end("not JSON");
      return;
    }
    // Batches pass untouched: the tasks send single requests, and faults are per call.
    const single = Array.isArray(request) ? undefined : request;
    const method = single?.method ?? "batch";
    const params = single?.params ?? [];
    const fault = single === undefined ? undefined : this.faultFor(method, params);
    const socket = req.socket;

    switch (fault?.kind) {
      case "rate-limit":
        res.writeHead(429, {
          "content-type": "text/plain",
          "retry-after": String(fault.retryAfterSeconds ?? 1),
        });
        res.end("Too Many Requests");
        return;
      case "limit-exceeded":
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            jsonrpc: "2.0",
            id: single!.id,
            error: { code: -32005, message: "limit exceeded" },
          }),
        );
        return;
      case "server-error":
        res.writeHead(fault.status ?? 503, { "content-type": "text/html" });
        res.end("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>");
        return;
      case "reset":
        if (fault.when === "before") {
          socket.destroy();
          return;
        }
        break;
      case "delay":
        await this.later(fault.ms);
        break;
      case "hang":
        if (fault.when === "before") {
          await this.later(fault.ms);
          socket.destroy();
          return;
        }
        break;
    }

    const tap = this.taps.find((t) => t.method === method && t.left > 0);
    if (tap !== undefined) {
      tap.left -= 1;
      await tap.action(params);
    }
    let answer: { status: number; text: string };
    try {
      answer = await this.forward(body);
    } catch {
      socket.destroy();
      return;
    }
    let result: unknown;
    try {
      result = single === undefined ? undefined : (JSON.parse(answer.text) as { result?: unknown }).result;
    } catch {
      result = undefined;
    }
    if (fault?.kind === "reset") {
      this.log({ method, params });
      socket.destroy();
      return;
    }
    if (fault?.kind === "hang") {
      this.log({ method, params });
      await this.later(fault.ms);
      socket.destroy();
      return;
    }
    this.log({ method, params, result });
    if (socket.destroyed) return;
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(answer.text);
  }

  private forward(body: string): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: this.target.hostname,
          port: this.target.port,
          path: this.target.pathname,
          method: "POST",
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (response) => {
          const parts: Buffer[] = [];
          response.on("data", (chunk: Buffer) => parts.push(chunk));
          response.on("end", () =>
            resolve({ status: response.statusCode ?? 502, text: Buffer.concat(parts).toString("utf8") }),
          );
          response.on("error", reject);
        },
      );
      request.on("error", reject);
      request.end(body);
    });
  }
}
