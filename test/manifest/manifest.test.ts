/**
 * Offline checks of manifest.xml: what the online validator would catch that we can check here, and the
 * wiring a shared-runtime custom-functions add-in needs. (`npm run validate` runs Microsoft's online validator.)
 */
import { describe, expect, it } from "vitest";
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { DOMParser } from "@xmldom/xmldom";

const require = createRequire(import.meta.url);
const { rebaseManifest, normaliseBaseUrl, DEV_BASE_URL } = require("../../scripts/manifest-base-url.cjs") as {
  rebaseManifest: (xml: string, base?: string) => string;
  normaliseBaseUrl: (raw?: string) => string;
  DEV_BASE_URL: string;
};

const root = path.resolve(__dirname, "../..");
const manifestXml = readFileSync(path.join(root, "manifest.xml"), "utf8");

const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
};

function parse(xml: string): Document {
  const problems: string[] = [];
  const doc = new DOMParser({
    errorHandler: { warning: (m) => problems.push(m), error: (m) => problems.push(m), fatalError: (m) => problems.push(m) },
  }).parseFromString(xml, "text/xml");
  if (problems.length) throw new Error(`manifest.xml is not well-formed: ${problems.join("; ")}`);
  return doc as unknown as Document;
}

function elements(parent: Element | Document, ns: string, local: string): Element[] {
  return Array.from(parent.getElementsByTagNameNS(ns, local));
}

function childElements(el: Element): Element[] {
  return Array.from(el.childNodes).filter((n): n is Element => n.nodeType === 1);
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const buf = readFileSync(file);
  expect(buf.subarray(1, 4).toString("ascii")).toBe("PNG");
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

const doc = parse(manifestXml);
const officeApp = doc.documentElement as unknown as Element;

const resources = (() => {
  const byKind: Record<"Images" | "Urls" | "ShortStrings" | "LongStrings", Map<string, string>> = {
    Images: new Map(),
    Urls: new Map(),
    ShortStrings: new Map(),
    LongStrings: new Map(),
  };
  for (const kind of Object.keys(byKind) as (keyof typeof byKind)[]) {
    for (const group of elements(doc, NS.bt, kind)) {
      for (const item of childElements(group)) byKind[kind].set(item.getAttribute("id") ?? "", item.getAttribute("DefaultValue") ?? "");
    }
  }
  return byKind;
})();

describe("manifest.xml", () => {
  it("is well-formed XML with OfficeApp at the root, a task pane app for Excel workbooks", () => {
    expect(officeApp.localName).toBe("OfficeApp");
    expect(officeApp.namespaceURI).toBe(NS.app);
    expect(officeApp.getAttributeNS(NS.xsi, "type")).toBe("TaskPaneApp");
    const hosts = elements(doc, NS.app, "Host").filter((h) => h.parentNode && (h.parentNode as Element).namespaceURI === NS.app);
    expect(hosts.map((h) => h.getAttribute("Name"))).toEqual(["Workbook"]);
  });

  it("has OfficeApp's elements in the order the schema requires", () => {
    const schemaOrder = [
      "Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
      "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions",
      "Dictionary", "VersionOverrides", "ExtendedOverrides",
    ];
    const present = childElements(officeApp).map((e) => e.localName);
    for (const name of present) expect(schemaOrder, `unknown element ${name}`).toContain(name);
    const positions = present.map((n) => schemaOrder.indexOf(n));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const required of ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description"]) {
      expect(present).toContain(required);
    }
  });

  it("has a GUID id, en-GB locale, four-part version and ReadWriteDocument permission", () => {
    const text = (name: string) => elements(officeApp, NS.app, name)[0]?.textContent?.trim();
    expect(text("Id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(text("Version")).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(text("DefaultLocale")).toBe("en-GB");
    expect(text("Permissions")).toBe("ReadWriteDocument");
  });

  it("resolves every resid to a resource of the right kind", () => {
    const kindFor = (el: Element): keyof typeof resources => {
      const local = el.localName;
      if (local === "Image") return "Images";
      if (["SourceLocation", "Runtime", "FunctionFile", "LearnMoreUrl"].includes(local)) return "Urls";
      if (local === "Description" && (el.parentNode as Element).localName !== "OfficeApp") return "LongStrings";
      return "ShortStrings";
    };
    const withResid = Array.from(doc.getElementsByTagName("*")).filter((e) => e.hasAttribute("resid"));
    expect(withResid.length).toBeGreaterThan(20);
    for (const el of withResid) {
      const resid = el.getAttribute("resid") ?? "";
      expect(resid.length, `resid ${resid} too long`).toBeLessThanOrEqual(32);
      expect(resources[kindFor(el)].has(resid), `${el.localName} resid="${resid}" has no ${kindFor(el)} resource`).toBe(true);
    }
  });

  it("uses only HTTPS URLs under the base URL, and a minimal AppDomains list", () => {
    const urls = [
      ...[...resources.Images.values()],
      ...[...resources.Urls.values()],
      ...["IconUrl", "HighResolutionIconUrl", "SupportUrl", "SourceLocation"].flatMap((n) =>
        elements(officeApp, NS.app, n).map((e) => e.getAttribute("DefaultValue") ?? ""),
      ),
    ].filter(Boolean);
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) expect(url.startsWith(DEV_BASE_URL), url).toBe(true);
    const domains = elements(officeApp, NS.app, "AppDomain").map((e) => e.textContent?.trim());
    expect(domains).toEqual(["https://localhost:3000"]);
  });

  it("declares icons whose files exist at the declared sizes", () => {
    const declared: [string, number][] = [];
    for (const img of elements(doc, NS.bt, "Image")) {
      const size = img.getAttribute("size");
      const id = img.getAttribute("resid");
      if (size && id) declared.push([resources.Images.get(id) ?? "", Number(size)]);
    }
    declared.push([elements(officeApp, NS.app, "IconUrl")[0].getAttribute("DefaultValue") ?? "", 32]);
    declared.push([elements(officeApp, NS.app, "HighResolutionIconUrl")[0].getAttribute("DefaultValue") ?? "", 64]);
    expect(declared.length).toBeGreaterThan(5);
    for (const [url, size] of declared) {
      const file = path.join(root, url.slice(DEV_BASE_URL.length));
      expect(existsSync(file), file).toBe(true);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
    for (const size of [16, 32, 64, 80, 128]) expect(pngSize(path.join(root, `assets/icon-${size}.png`))).toEqual({ width: size, height: size });
  });

  it("wires one long-lived shared runtime to the task pane and the custom functions", () => {
    const sets = elements(officeApp, NS.app, "Set").map((s) => [s.getAttribute("Name"), s.getAttribute("MinVersion")]);
    expect(sets).toContainEqual(["SharedRuntime", "1.1"]);
    const runtimes = elements(doc, NS.ov, "Runtime");
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0].getAttribute("lifetime")).toBe("long");
    const runtimeResid = runtimes[0].getAttribute("resid");
    const cf = elements(doc, NS.ov, "ExtensionPoint").find((e) => e.getAttributeNS(NS.xsi, "type") === "CustomFunctions");
    expect(cf).toBeDefined();
    const page = elements(elements(cf!, NS.ov, "Page")[0], NS.ov, "SourceLocation")[0];
    expect(page.getAttribute("resid")).toBe(runtimeResid);
    expect(elements(doc, NS.ov, "FunctionFile")[0].getAttribute("resid")).toBe(runtimeResid);
    for (const action of elements(doc, NS.ov, "Action").filter((a) => a.getAttributeNS(NS.xsi, "type") === "ShowTaskpane")) {
      expect(elements(action, NS.ov, "SourceLocation")[0].getAttribute("resid")).toBe(runtimeResid);
    }
    const defaultPage = elements(officeApp, NS.app, "DefaultSettings")[0];
    expect(elements(defaultPage, NS.app, "SourceLocation")[0].getAttribute("DefaultValue")).toBe(resources.Urls.get(runtimeResid ?? ""));
    const script = resources.Urls.get(elements(elements(cf!, NS.ov, "Script")[0], NS.ov, "SourceLocation")[0].getAttribute("resid") ?? "");
    const metadata = resources.Urls.get(elements(elements(cf!, NS.ov, "Metadata")[0], NS.ov, "SourceLocation")[0].getAttribute("resid") ?? "");
    expect(script).toBe(`${DEV_BASE_URL}functions.js`);
    expect(metadata).toBe(`${DEV_BASE_URL}functions.json`);
  });

  it("has a valid custom functions namespace, BUDGET", () => {
    const cf = elements(doc, NS.ov, "Namespace")[0];
    const ns = resources.ShortStrings.get(cf.getAttribute("resid") ?? "");
    expect(ns).toBe("BUDGET");
    expect(ns).toMatch(/^[A-Za-z][A-Za-z0-9]{0,31}$/);
  });

  it("registers every ribbon ExecuteFunction action in the shared runtime", () => {
    const names = elements(doc, NS.ov, "FunctionName").map((e) => e.textContent?.trim() ?? "");
    expect(names.length).toBeGreaterThan(0);
    const source = readFileSync(path.join(root, "src/commands/ribbon.ts"), "utf8");
    for (const name of names) expect(source).toContain(`"${name}"`);
  });

  it("keeps short strings within the schema's 125 characters and long strings within 250", () => {
    for (const v of resources.ShortStrings.values()) expect(v.length).toBeLessThanOrEqual(125);
    for (const v of resources.LongStrings.values()) expect(v.length).toBeLessThanOrEqual(250);
  });
});

describe("rebasing the manifest on ADDIN_BASE_URL", () => {
  it("replaces every development URL and the app domain, leaving no localhost behind", () => {
    const rebased = rebaseManifest(manifestXml, "https://addins.example.gov.uk/budget");
    expect(rebased).not.toContain("localhost");
    expect(rebased).toContain("https://addins.example.gov.uk/budget/taskpane.html");
    expect(rebased).toContain("<AppDomain>https://addins.example.gov.uk</AppDomain>");
    expect(() => parse(rebased)).not.toThrow();
  });

  it("rejects a base URL that Office could not load", () => {
    expect(() => normaliseBaseUrl("http://addins.example.gov.uk/")).toThrow(/https/);
    expect(() => normaliseBaseUrl("not a url")).toThrow(/not a URL/);
    expect(normaliseBaseUrl(undefined)).toBe(DEV_BASE_URL);
    expect(normaliseBaseUrl("https://h.example/x")).toBe("https://h.example/x/");
  });

  it("is what the build wrote to dist/manifest.xml", () => {
    const built = path.join(root, "dist/manifest.xml");
    if (!existsSync(built)) throw new Error("dist/manifest.xml is missing: npm test builds it first (npm run build:dev)");
    // The build also stamps <Version> (test/manifest/version.test.ts); the rest is the rebased manifest.
    const text = readFileSync(built, "utf8");
    const version = /<Version>([^<]*)<\/Version>/.exec(text)?.[1] ?? "";
    expect(version).toMatch(/^\d{1,5}(\.\d{1,5}){3}$/);
    const expected = rebaseManifest(manifestXml, process.env.ADDIN_BASE_URL).replace(/<Version>[^<]*<\/Version>/, `<Version>${version}</Version>`);
    expect(text).toBe(expected);
  });
});
