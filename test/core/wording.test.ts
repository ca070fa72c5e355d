import fs from "fs";
import path from "path";

import { expect } from "chai";

import { DEPLOY_FIELDS, SYMBOL_RULE } from "../../src/core/deploy/fields";
import { HokusaiError } from "../../src/core/errors";
import { parseSymbol } from "../../src/core/validate";

const ROOT = path.join(__dirname, "..", "..");

describe("a rule worded once", function () {
  it("states the ticker rule in the same words in the help, the error, the schema and the README", function () {
    expect(DEPLOY_FIELDS.symbol.help).to.contain(SYMBOL_RULE);
    expect(() => parseSymbol("symbol", "sent"))
      .to.throw(HokusaiError)
      .with.property("message")
      .that.contains(`must be ${SYMBOL_RULE}`);
    const schema = fs.readFileSync(path.join(ROOT, "schemas", "hokusai-model.schema.json"), "utf8");
    const ticker = JSON.parse(schema).properties.model.properties.ticker;
    expect(ticker.description).to.contain(SYMBOL_RULE);
    expect(ticker.patternErrorMessage).to.contain(SYMBOL_RULE);
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const mentions = readme.split("\n").filter((line) => /uppercase/.test(line));
    expect(mentions.length).to.be.greaterThan(0);
    for (const line of mentions)
      expect(line, "a README line words the ticker rule otherwise").to.contain(SYMBOL_RULE);
  });
});
