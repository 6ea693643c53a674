import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { defaultDataDir } from '../../../main/core/host/paths';

describe('defaultDataDir', () => {
  it('prefers $KZ_DATA_DIR', () => {
    expect(defaultDataDir({ KZ_DATA_DIR: '/srv/kz' }, 'linux', '/home/u')).toBe(path.resolve('/srv/kz'));
  });

  it('follows each platform’s convention', () => {
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe('/home/u/.local/share/klassny-zhurnal');
    expect(defaultDataDir({ XDG_DATA_HOME: '/data' }, 'linux', '/home/u')).toBe('/data/klassny-zhurnal');
    expect(defaultDataDir({ XDG_DATA_HOME: 'relative' }, 'linux', '/home/u')).toBe('/home/u/.local/share/klassny-zhurnal');
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/klassny-zhurnal');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe(
      'C:\\Users\\u\\AppData\\Roaming\\klassny-zhurnal',
    );
  });
});
