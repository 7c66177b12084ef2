import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerZIP } from '@electron-forge/maker-zip';
import type { ForgeConfig } from '@electron-forge/shared-types';

// The real config, with the real maker classes: what `npm run make` would use (no Electron binary needed to load it).
const { default: config } = (await import('../../forge.config.ts')) as { default: ForgeConfig };
const PKG = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  name: string;
  productName: string;
  description: string;
  author: { name: string; email: string };
  homepage?: string;
};

describe('the installers forge.config.ts makes', () => {
  const makers = config.makers ?? [];
  const zip = makers.find((m): m is MakerZIP => m instanceof MakerZIP);
  const deb = makers.find((m): m is MakerDeb => m instanceof MakerDeb);

  it('a zip for macOS, Linux and Windows, and a deb for Linux only', () => {
    expect(makers).toHaveLength(2);
    expect(zip).toBeDefined();
    expect([...(zip!.platforms ?? [])].sort()).toEqual(['darwin', 'linux', 'win32']);
    expect(deb).toBeDefined();
    // MakerDeb's own platform list (no override): Linux alone.
    expect(deb!.platforms ?? deb!.defaultPlatforms).toEqual(['linux']);
  });

  it('the deb carries the package.json metadata: name, product name, description, maintainer, categories', async () => {
    // As Forge does before making: the maker's config for the target architecture.
    await deb!.prepareConfig('x64');
    const options = deb!.config.options!;
    expect(options).toMatchObject({
      name: PKG.name,
      productName: PKG.productName,
      description: PKG.description,
      maintainer: `${PKG.author.name} <${PKG.author.email}>`,
      bin: PKG.name,
      section: 'education',
    });
    expect(options.productDescription?.length ?? 0).toBeGreaterThan(PKG.description.length);
    expect(options.categories).toContain('Education');
    expect(options.mimeType).toContain('application/vnd.sqlite3');
    // Homepage and icon only when the project has them (package.json's homepage, assets/icon.png).
    expect(options.homepage).toBe(PKG.homepage);
  });

  it('the packaged app is named for the learner and its executable matches the deb’s bin', () => {
    expect(config.packagerConfig).toMatchObject({ asar: true, name: PKG.productName, executableName: PKG.name });
    expect(config.packagerConfig?.win32metadata).toMatchObject({ ProductName: PKG.productName, CompanyName: PKG.author.name });
  });

  it('the renderer build (datasets in public/, the Pretendard font in its CSS) is the one the Vite plugin packs', () => {
    const vite = (config.plugins ?? []).find((p) => (p as { name?: string }).name === 'vite') as
      | { config: { renderer: { name: string; config: string }[] } }
      | undefined;
    expect(vite?.config.renderer).toEqual([{ name: 'main_window', config: 'vite.renderer.config.ts' }]);
    // Vite copies public/ (public/datasets, public/licenses.json) into the renderer build unless told not to.
    const rendererConfig = readFileSync(new URL('../../vite.renderer.config.ts', import.meta.url), 'utf8');
    expect(rendererConfig).not.toMatch(/publicDir\s*:/);
    expect(readFileSync(new URL('../../renderer/main.tsx', import.meta.url), 'utf8')).toMatch(/import 'pretendard\//);
    // Nothing else is added beside the asar: everything the app reads is inside the Vite build.
    expect(config.packagerConfig?.extraResource).toBeUndefined();
  });
});
