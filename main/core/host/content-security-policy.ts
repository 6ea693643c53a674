/**
 * The renderer's Content-Security-Policy, one for every host: Electron's
 * window (main/app/security.ts) and the browser host (main/web-host.ts). MUI
 * (emotion) injects <style> elements at run time, hence 'unsafe-inline' for
 * styles only; no inline scripts. No frames: a PDF to print opens in a
 * window of its own (renderer/reports/files.ts printPdf).
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/**
 * The same policy as a <meta> tag, for Electron's file:// page (vite.config.mts
 * writes it into the build). frame-ancestors works only as a header.
 */
export const CONTENT_SECURITY_POLICY_META = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');
