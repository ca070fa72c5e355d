/**
 * Real HTTP servers on 127.0.0.1 (port 0) for the license tests, each started and
 * stopped by the test that uses it, and CIDs computed here without the library
 * under test, as an independent check of it.
 */
import { createHash } from "crypto";
import http from "http";
import type { AddressInfo } from "net";

import { encodeBase58 } from "ethers";

export const LICENSE_TEXT = `# Commercial Model License

Replace this text with the exact license you will publish off-chain.
`;
export const LICENSE_BYTES = new TextEncoder().encode(LICENSE_TEXT);
export const CRLF_LICENSE_BYTES = new TextEncoder().encode(LICENSE_TEXT.replace(/\n/g, "\r\n"));

export interface TestServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Paths requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Starts a server on a free port of 127.0.0.1. */
export async function startServer(handler: http.RequestListener): Promise<TestServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? "");
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Serves fixed bodies by path; anything else is a 404. */
export function routes(table: Record<string, Uint8Array | string>): http.RequestListener {
  return (req, res) => {
    const body = table[req.url ?? ""];
    if (body === undefined) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": "text/markdown" }).end(Buffer.from(body));
  };
}

/** Answers every request only after `delayMs`, or sends headers and stalls the body (`stallBody`). */
export function slow(delayMs: number, stallBody = false): http.RequestListener {
  return (_req, res) => {
    if (stallBody) {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("# Commercial");
    }
    const timer = setTimeout(() => res.end(stallBody ? " Model License\n" : LICENSE_TEXT), delayMs);
    res.on("close", () => clearTimeout(timer));
  };
}

/** Redirects /a -> /b -> /a, forever. */
export function redirectLoop(): http.RequestListener {
  return (req, res) => {
    res.writeHead(302, { location: req.url === "/a" ? "/b" : "/a" }).end();
  };
}

/**
 * Streams `total` bytes without a Content-Length (so only counting the stream can
 * stop it), honouring backpressure; `sent()` tells how many left before the client
 * hung up. `/declared` instead announces a Content-Length of `total`.
 */
export function endlessStream(total: number): { handler: http.RequestListener; sent(): number } {
  let sent = 0;
  const chunk = Buffer.alloc(64 * 1024, "a");
  const handler: http.RequestListener = (req, res) => {
    const headers: http.OutgoingHttpHeaders = { "content-type": "text/plain" };
    if (req.url === "/declared") headers["content-length"] = String(total);
    res.writeHead(200, headers);
    let stopped = false;
    res.on("close", () => (stopped = true));
    const pump = (): void => {
      while (!stopped && sent < total) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once("drain", pump);
          return;
        }
      }
      if (!stopped) res.end();
    };
    pump();
  };
  return { handler, sent: () => sent };
}

/** A gateway serving /ipfs/<cid>[/path] from `content`, the key being "<cid>" or "<cid>/<path>". */
export function gateway(content: Record<string, Uint8Array>): http.RequestListener {
  return (req, res) => {
    const match = /^\/ipfs\/(.+)$/.exec(req.url ?? "");
    const body = match === null ? undefined : content[decodeURIComponent(match[1])];
    if (body === undefined) {
      res.writeHead(404, { "content-type": "text/plain" }).end("ipfs resolve -r: no link named");
      return;
    }
    res.writeHead(200, { "content-type": "text/plain" }).end(Buffer.from(body));
  };
}

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

function sha256(bytes: Uint8Array): Buffer {
  return createHash("sha256").update(bytes).digest();
}

/**
 * The CIDv0 `ipfs add` gives a file of at most one chunk (256 KiB): sha2-256 of a
 * dag-pb node whose Data is UnixFS { Type: File, Data: bytes, filesize }, in base58btc.
 */
export function cidV0OfSmallFile(bytes: Uint8Array): string {
  if (bytes.length > 262_144) throw new Error("more than one chunk");
  const unixfs = [0x08, 0x02, 0x12, ...varint(bytes.length), ...bytes, 0x18, ...varint(bytes.length)];
  const node = Uint8Array.from([0x0a, ...varint(unixfs.length), ...unixfs]);
  return encodeBase58(Uint8Array.from([0x12, 0x20, ...sha256(node)]));
}

/** A CIDv1 of the raw codec (bafkrei...): sha2-256 of the bytes themselves, base32 lower case. */
export function cidV1Raw(bytes: Uint8Array): string {
  const data = Uint8Array.from([0x01, 0x55, 0x12, 0x20, ...sha256(bytes)]);
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  let bits = 0;
  let value = 0;
  let out = "b";
  for (const byte of data) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}
