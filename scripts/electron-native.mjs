// Builds better-sqlite3 for Electron into out/native, for `npm start`. The copy
// in node_modules stays built for Node, so the tests and the CLI keep working;
// the core loads the Electron build only when it runs inside Electron
// (main/app/core-host.ts). Needs Electron's headers: a machine that could
// download Electron can download them too.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..');
const electronVersion = require('electron/package.json').version;
const target = path.join(root, 'out', 'native');
const binary = path.join(target, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const stamp = path.join(target, 'electron-version');

if (fs.existsSync(binary) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === electronVersion) {
  console.log(`better-sqlite3 for Electron ${electronVersion} is ready (out/native).`);
  process.exit(0);
}

fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(path.join(target, 'node_modules'), { recursive: true });
const source = path.dirname(require.resolve('better-sqlite3/package.json'));
fs.cpSync(source, path.join(target, 'node_modules', 'better-sqlite3'), {
  recursive: true,
  filter: (p) => !p.includes(`${path.sep}build${path.sep}`),
});
fs.writeFileSync(path.join(target, 'package.json'), JSON.stringify({ name: 'native', private: true, dependencies: { 'better-sqlite3': '*' } }));

const { rebuild } = require('@electron/rebuild');
console.log(`Building better-sqlite3 for Electron ${electronVersion}…`);
await rebuild({ buildPath: target, electronVersion, onlyModules: ['better-sqlite3'], force: true });
fs.writeFileSync(stamp, electronVersion);
console.log('Done: out/native/node_modules/better-sqlite3/build/Release/better_sqlite3.node');
