// A small HTTPS static server for dist/: used by `npm start` and by the browser tests.
// Certificates: Office's developer certificates (office-addin-dev-certs) on Windows and macOS, where they
// can be installed into the trust store; elsewhere a self-signed localhost certificate made here with mkcert
// (kept in .certs/, not trusted by browsers or Office until you trust its CA yourself).
import https from "node:https";
import { promises as fs, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".xml": "application/xml; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".txt": "text/plain; charset=utf-8",
};

/** A self-signed certificate for localhost and 127.0.0.1, made once and kept in .certs/. */
export async function selfSignedCertificate(dir = path.join(projectRoot, ".certs")) {
  const keyPath = path.join(dir, "localhost.key");
  const certPath = path.join(dir, "localhost.crt");
  const caPath = path.join(dir, "ca.crt");
  if (existsSync(keyPath) && existsSync(certPath) && existsSync(caPath)) {
    return { key: readFileSync(keyPath), cert: readFileSync(certPath), ca: readFileSync(caPath), source: "self-signed" };
  }
  const { createCA, createCert } = await import("mkcert");
  const ca = await createCA({
    organization: "Council Budget Tools development CA",
    countryCode: "GB",
    state: "England",
    locality: "Local",
    validity: 365,
  });
  const cert = await createCert({ ca, domains: ["localhost", "127.0.0.1"], validity: 365 });
  mkdirSync(dir, { recursive: true });
  writeFileSync(keyPath, cert.key);
  writeFileSync(certPath, cert.cert);
  writeFileSync(caPath, ca.cert);
  return { key: cert.key, cert: cert.cert, ca: ca.cert, source: "self-signed" };
}

/** Office's developer certificates where they can be trusted (Windows, macOS); a self-signed one elsewhere. */
export async function httpsOptions({ preferOfficeCerts = process.platform === "win32" || process.platform === "darwin" } = {}) {
  if (preferOfficeCerts) {
    try {
      const devCerts = await import("office-addin-dev-certs");
      const opts = await devCerts.getHttpsServerOptions();
      return { ...opts, source: "office-addin-dev-certs" };
    } catch (err) {
      console.warn(`Could not install Office developer certificates (${err instanceof Error ? err.message : err}); using a self-signed certificate.`);
    }
  }
  return selfSignedCertificate();
}

function resolveInside(root, urlPath) {
  const decoded = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  const rel = path.normalize(decoded).replace(/^([/\\])+/, "");
  const full = path.resolve(root, rel);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  return full;
}

/**
 * Serve `root` over HTTPS. `mounts` maps URL prefixes to other folders (e.g. { "/office-js/": "node_modules/@microsoft/office-js/dist" }).
 * Resolves to { url, port, close(), certificateSource }.
 */
export async function startServer({ root = path.join(projectRoot, "dist"), port = 3000, host = "localhost", mounts = {}, quiet = false } = {}) {
  const rootDir = path.resolve(root);
  const mountDirs = Object.entries(mounts).map(([prefix, dir]) => [prefix, path.resolve(projectRoot, dir)]);
  const tls = await httpsOptions({ preferOfficeCerts: port === 3000 && (process.platform === "win32" || process.platform === "darwin") });
  const server = https.createServer({ key: tls.key, cert: tls.cert }, async (req, res) => {
    try {
      let urlPath = new URL(req.url ?? "/", "https://localhost").pathname;
      if (urlPath === "/") urlPath = "/taskpane.html";
      let base = rootDir;
      for (const [prefix, dir] of mountDirs) {
        if (urlPath.startsWith(prefix)) {
          base = dir;
          urlPath = urlPath.slice(prefix.length - 1);
          break;
        }
      }
      const file = resolveInside(base, urlPath);
      if (!file || !(await fs.stat(file).catch(() => null))?.isFile()) {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
        res.end("Not found");
        return;
      }
      const body = await fs.readFile(file);
      res.writeHead(200, {
        "Content-Type": MIME[path.extname(file).toLowerCase()] ?? "application/octet-stream",
        "Cache-Control": "no-store",
        "Access-Control-Allow-Origin": "*",
        "X-Content-Type-Options": "nosniff",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (err) {
      res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(String(err));
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  const url = `https://${host}:${actualPort}/`;
  if (!quiet) console.log(`Serving ${rootDir} at ${url} (${tls.source} certificate)`);
  return {
    url,
    port: actualPort,
    certificateSource: tls.source,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
