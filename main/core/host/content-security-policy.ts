/**
 * The renderer's Content-Security-Policy, one for every host: Electron's
 * window (main/app/security.ts) and the browser host (main/web-host.ts). MUI
 * (emotion) injects <style> elements at run time, hence 'unsafe-inline' for
 * styles only; no inline scripts.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
