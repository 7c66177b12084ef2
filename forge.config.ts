import type { ForgeConfig } from '@electron-forge/shared-types';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerZIP } from '@electron-forge/maker-zip';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { existsSync, readFileSync } from 'node:fs';

/** package.json: the one place the name, version, description, author and licence are written. */
const PKG = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  name: string;
  productName: string;
  description: string;
  author: { name: string; email: string };
  homepage?: string;
  license?: string;
};

/** The app icon, when the project has one (a .png for Linux; packager adds .icns/.ico per platform). */
const ICON = 'assets/icon';
const hasIcon = existsSync(new URL(`./${ICON}.png`, import.meta.url));

/**
 * Where each maker runs: MakerZIP on every platform Forge packages for (macOS, Linux, Windows),
 * MakerDeb on Linux only (its default). `npm run make` makes the host's; another platform's zip
 * is `npm run make -- --platform=win32` (see "Building installers" in the README).
 */
export const ZIP_PLATFORMS = ['darwin', 'linux', 'win32'] as const;

/** Packaging: Vite builds main, preload and renderer into `.vite/`; zip everywhere, .deb on Linux. */
const config: ForgeConfig = {
  packagerConfig: {
    asar: true,
    name: PKG.productName,
    executableName: PKG.name,
    // The bundled datasets (public/datasets) and the Pretendard font are part of the renderer's Vite
    // build (.vite/renderer/main_window/), which the Vite plugin packs into the asar: no extraResource.
    appCopyright: `© ${PKG.author.name}`,
    appBundleId: 'invalid.datalit.studio',
    appCategoryType: 'public.app-category.education',
    win32metadata: { CompanyName: PKG.author.name, ProductName: PKG.productName, FileDescription: PKG.description },
    ...(hasIcon ? { icon: ICON } : {}),
  },
  rebuildConfig: {},
  makers: [
    new MakerZIP({}, [...ZIP_PLATFORMS]),
    new MakerDeb({
      options: {
        name: PKG.name,
        productName: PKG.productName,
        genericName: 'SQL Learning Studio',
        description: PKG.description,
        productDescription:
          'Real SQL in a live editor on one fictional company’s data, with charts, from its raw data lake to dashboards. Works offline; lessons in Korean and English.',
        maintainer: `${PKG.author.name} <${PKG.author.email}>`,
        ...(PKG.homepage ? { homepage: PKG.homepage } : {}),
        ...(PKG.license ? { copyright: `${PKG.author.name}; licence: ${PKG.license}` } : {}),
        bin: PKG.name,
        section: 'education',
        categories: ['Education', 'Development'],
        // A SQLite file opens in the app (`datalit shop.db`), so the desktop entry offers it for them.
        mimeType: ['application/vnd.sqlite3', 'application/x-sqlite3'],
        ...(hasIcon ? { icon: `${ICON}.png` } : {}),
      },
    }),
  ],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'electron/main.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'electron/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
      ],
      renderer: [{ name: 'main_window', config: 'vite.renderer.config.ts' }],
    }),
    // Fuses are flipped in the Electron binary at package time, before signing (as in Forge's
    // vite-typescript template): no running as plain Node, no NODE_OPTIONS or inspector flags,
    // and the app code must come from the integrity-checked asar.
    new FusesPlugin({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      // Playwright's Electron driver attaches through the inspector, so only a test build
      // (DATALIT_TEST_BUILD=1 npm run package) keeps it; releases turn it off.
      [FuseV1Options.EnableNodeCliInspectArguments]: process.env.DATALIT_TEST_BUILD === '1',
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    }),
  ],
};

export default config;
