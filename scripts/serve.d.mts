export interface StartedServer {
  url: string;
  port: number;
  certificateSource: "office-addin-dev-certs" | "self-signed";
  close(): Promise<void>;
}
export interface StartServerOptions {
  root?: string;
  port?: number;
  host?: string;
  mounts?: Record<string, string>;
  quiet?: boolean;
}
export function startServer(options?: StartServerOptions): Promise<StartedServer>;
export function selfSignedCertificate(dir?: string): Promise<{ key: string | Buffer; cert: string | Buffer; ca: string | Buffer; source: "self-signed" }>;
