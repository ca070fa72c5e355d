/** fetchLicense against real servers on 127.0.0.1: each failure has its own error and fix. */
import fs from "fs";
import os from "os";
import path from "path";

import { expect } from "chai";

import { fetchLicense, type LicenseFetchOptions } from "../../src/core/license";
import { HokusaiError } from "../../src/core/errors";
import { flagNamer, HokusaiPluginError, toPluginError } from "../../src/errors";
import { freePort } from "../helpers/node";
import {
  CRLF_LICENSE_BYTES,
  LICENSE_BYTES,
  cidV0OfSmallFile,
  cidV1Raw,
  endlessStream,
  gateway,
  redirectLoop,
  routes,
  slow,
  startServer,
  type TestServer,
} from "./helpers";

/** The core's error, as a task shows it (fields named by their flags). */
async function rejection(promise: Promise<unknown>): Promise<HokusaiPluginError> {
  try {
    await promise;
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(HokusaiError);
    return toPluginError(error, flagNamer) as HokusaiPluginError;
  }
  throw new Error("expected a rejection");
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe("fetching a license", function () {
  const servers: TestServer[] = [];
  const start = async (handler: Parameters<typeof startServer>[0]) => {
    const server = await startServer(handler);
    servers.push(server);
    return server;
  };

  after(async function () {
    await Promise.all(servers.map((server) => server.close()));
  });

  describe("http(s)", function () {
    let site: TestServer;

    before(async function () {
      site = await start((req, res) => {
        if (req.url === "/old") res.writeHead(301, { location: "/moved" }).end();
        else if (req.url === "/moved") res.writeHead(307, { location: `${site.url}/license.md` }).end();
        else if (req.url === "/nowhere") res.writeHead(302).end();
        else if (req.url === "/empty") res.writeHead(200).end();
        else routes({ "/license.md": LICENSE_BYTES })(req, res);
      });
    });

    it("returns the exact bytes served", async function () {
      const fetched = await fetchLicense(`${site.url}/license.md`);
      expect(same(fetched.bytes, LICENSE_BYTES)).to.be.true;
      expect(fetched).to.deep.include({ kind: "http", url: `${site.url}/license.md`, redirects: [] });
    });

    it("follows redirects, relative and absolute, and records them", async function () {
      const fetched = await fetchLicense(`${site.url}/old`);
      expect(same(fetched.bytes, LICENSE_BYTES)).to.be.true;
      expect(fetched.redirects).to.deep.equal([`${site.url}/moved`, `${site.url}/license.md`]);
      expect(fetched.url).to.equal(`${site.url}/license.md`);
    });

    it("stops at the redirect limit (HOK515)", async function () {
      const error = await rejection(fetchLicense(`${site.url}/old`, { maxRedirects: 1 }));
      expect(error.code).to.equal("HOK515");
      expect(error.message).to.contain("redirects more than 1 times");
    });

    it("rejects a redirect without a Location (HOK515) and an empty body (HOK516)", async function () {
      expect((await rejection(fetchLicense(`${site.url}/nowhere`))).message).to.contain(
        "without a Location header",
      );
      const empty = await rejection(fetchLicense(`${site.url}/empty`));
      expect(empty.code).to.equal("HOK516");
      expect(empty.message).to.contain("empty body");
    });

    it("reports a redirect loop with its chain (HOK515)", async function () {
      const loop = await start(redirectLoop());
      const error = await rejection(fetchLicense(`${loop.url}/a`));
      expect(error.code).to.equal("HOK515");
      expect(error.message).to.contain(
        `redirects in a loop (${loop.url}/a -> ${loop.url}/b -> ${loop.url}/a)`,
      );
      expect(loop.requests).to.deep.equal(["/a", "/b"]);
    });

    it("reports a 404 with the fix (HOK512)", async function () {
      const missing = await start(routes({}));
      const error = await rejection(fetchLicense(`${missing.url}/license.md`));
      expect(error.code).to.equal("HOK512");
      expect(error.message).to.contain(`${missing.url}/license.md answered HTTP 404 Not Found`);
      expect(error.message).to.contain("publish the exact license bytes at this URL");
    });

    it("times out on a server that does not answer, and on one that stalls mid-body (HOK514)", async function () {
      const quiet = await start(slow(10_000));
      const began = Date.now();
      const error = await rejection(fetchLicense(`${quiet.url}/license.md`, { timeoutMs: 300 }));
      expect(error.code).to.equal("HOK514");
      expect(error.message).to.contain("did not deliver the license within 0.3 s");
      expect(Date.now() - began).to.be.lessThan(5_000);

      const stalling = await start(slow(10_000, true));
      expect((await rejection(fetchLicense(`${stalling.url}/license.md`, { timeoutMs: 300 }))).code).to.equal(
        "HOK514",
      );
    });

    it("stops reading past the cap while the body streams (HOK513)", async function () {
      const total = 64 * 1024 * 1024;
      const stream = endlessStream(total);
      const big = await start(stream.handler);
      const error = await rejection(fetchLicense(`${big.url}/license.md`, { maxBytes: 100_000 }));
      expect(error.code).to.equal("HOK513");
      expect(error.message).to.contain("serves more than 100000 bytes, above the cap of 100000 bytes");
      // The server learns that the client hung up long before it has sent everything.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stream.sent()).to.be.lessThan(total);
    });

    it("refuses at once a body whose Content-Length is above the cap (HOK513)", async function () {
      const big = await start(endlessStream(10_000_000).handler);
      const error = await rejection(fetchLicense(`${big.url}/declared`, { maxBytes: 1000 }));
      expect(error.code).to.equal("HOK513");
      expect(error.message).to.contain("serves 10000000 bytes");
    });

    it("reports a refused connection (HOK511)", async function () {
      const port = await freePort();
      const error = await rejection(fetchLicense(`http://127.0.0.1:${port}/license.md`));
      expect(error.code).to.equal("HOK511");
      expect(error.message).to.contain(`127.0.0.1:${port} refused the connection`);
    });

    it("reports a host name that does not resolve (HOK510)", async function () {
      // undici's shape for a failed DNS lookup, without sending a DNS query off this machine.
      const fetch: LicenseFetchOptions["fetch"] = async () => {
        const cause = Object.assign(new Error("getaddrinfo ENOTFOUND license.invalid"), {
          code: "ENOTFOUND",
        });
        throw Object.assign(new TypeError("fetch failed"), { cause });
      };
      const error = await rejection(fetchLicense("https://license.invalid/terms", { fetch }));
      expect(error.code).to.equal("HOK510");
      expect(error.message).to.contain("the host name license.invalid does not resolve (DNS)");
    });
  });

  describe("ipfs:// through a gateway", function () {
    const v0 = cidV0OfSmallFile(LICENSE_BYTES);
    const raw = cidV1Raw(LICENSE_BYTES);
    let honest: TestServer;
    let lying: TestServer;

    before(async function () {
      honest = await start(
        gateway({ [v0]: LICENSE_BYTES, [raw]: LICENSE_BYTES, [`${v0}/license.md`]: LICENSE_BYTES }),
      );
      lying = await start(gateway({ [v0]: CRLF_LICENSE_BYTES, [raw]: CRLF_LICENSE_BYTES }));
    });

    it("fetches <gateway>/ipfs/<cid> and verifies the bytes against the CID", async function () {
      for (const cid of [v0, raw]) {
        const fetched = await fetchLicense(`ipfs://${cid}`, { ipfsGateway: honest.url });
        expect(fetched.url).to.equal(`${honest.url}/ipfs/${cid}`);
        expect(same(fetched.bytes, LICENSE_BYTES)).to.be.true;
        expect(fetched.cid?.status, cid).to.equal("verified");
      }
    });

    it("catches a gateway that serves other bytes", async function () {
      for (const cid of [v0, raw]) {
        const fetched = await fetchLicense(`ipfs://${cid}`, { ipfsGateway: lying.url });
        expect(fetched.cid?.status, cid).to.equal("mismatch");
      }
    });

    it("fetches a path under a CID but does not check it", async function () {
      const fetched = await fetchLicense(`ipfs://${v0}/license.md`, { ipfsGateway: `${honest.url}/` });
      expect(fetched.url).to.equal(`${honest.url}/ipfs/${v0}/license.md`);
      expect(fetched.cid?.status).to.equal("not-checked");
      expect(fetched.cid?.detail).to.match(/^CID not checked: path/);
    });

    it("says how to try another gateway when one answers 404 (HOK512)", async function () {
      const error = await rejection(
        fetchLicense(`ipfs://${cidV1Raw(new Uint8Array([1]))}`, { ipfsGateway: honest.url }),
      );
      expect(error.code).to.equal("HOK512");
      expect(error.message).to.contain("(gateway for ipfs://");
      expect(error.message).to.contain("--ipfs-gateway");
    });

    it("rejects a malformed CID before asking the gateway (HOK506)", async function () {
      const before = honest.requests.length;
      const error = await rejection(fetchLicense("ipfs://Qm.../license.md", { ipfsGateway: honest.url }));
      expect(error.code).to.equal("HOK506");
      expect(honest.requests.length).to.equal(before);
    });
  });

  describe("file:// and unknown schemes", function () {
    it("reads a file:// URI", async function () {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hokusai-license-fetch-"));
      const file = path.join(dir, "license.md");
      fs.writeFileSync(file, LICENSE_BYTES);
      try {
        const fetched = await fetchLicense(`file://${file}`);
        expect(same(fetched.bytes, LICENSE_BYTES)).to.be.true;
        expect((await rejection(fetchLicense(`file://${dir}/missing.md`))).code).to.equal("HOK501");
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it("lists the supported schemes for an unknown one (HOK505)", async function () {
      const error = await rejection(fetchLicense("ftp://example.org/license.md"));
      expect(error.code).to.equal("HOK505");
      expect(error.message).to.contain("supported are https://, http://, ipfs://<cid>[/path] and file://");
    });
  });
});
