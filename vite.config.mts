import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY_META } from './main/core/host/content-security-policy.js';

/**
 * The policy of main/core/host/content-security-policy.ts as a <meta> tag for
 * Electron's file:// page. Added to the build only: the dev server's React
 * preamble is an inline script.
 */
function cspMeta(): Plugin {
  return {
    name: 'kz-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  root: path.resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: path.resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
});
