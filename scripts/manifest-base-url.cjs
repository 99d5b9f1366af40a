// Rebase the manifest's development URLs (https://localhost:3000/) on the URL an IT team hosts dist/ at.
// Used by webpack.config.js when copying manifest.xml into dist/, and by the manifest tests.
const DEV_BASE_URL = "https://localhost:3000/";

/** Validate ADDIN_BASE_URL: absolute https://, always ending in "/". Undefined/empty gives the dev URL. */
function normaliseBaseUrl(raw) {
  if (!raw) return DEV_BASE_URL;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`ADDIN_BASE_URL is not a URL: ${raw}`);
  }
  if (url.protocol !== "https:") throw new Error(`ADDIN_BASE_URL must be an https:// URL (got ${raw}): Office loads add-ins only over HTTPS.`);
  if (url.search || url.hash) throw new Error(`ADDIN_BASE_URL must not have a query or fragment (got ${raw}).`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** Replace every development URL; AppDomain entries (origins, no trailing slash) get the new origin. */
function rebaseManifest(xml, baseUrl) {
  const base = normaliseBaseUrl(baseUrl);
  const origin = new URL(base).origin;
  return xml
    .split(DEV_BASE_URL)
    .join(base)
    .replace(/<AppDomain>https:\/\/localhost:3000<\/AppDomain>/g, `<AppDomain>${origin}</AppDomain>`);
}

module.exports = { DEV_BASE_URL, normaliseBaseUrl, rebaseManifest };
