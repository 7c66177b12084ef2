import type { ForgeConfig } from '@electron-forge/shared-types';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerZIP } from '@electron-forge/maker-zip';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/** Packaging: Vite builds main, preload and renderer into `.vite/`; zip everywhere, .deb on Linux. */
const config: ForgeConfig = {
  packagerConfig: {
    asar: true,
    name: 'Datalit Studio',
    executableName: 'datalit',
  },
  rebuildConfig: {},
  makers: [
    new MakerZIP({}, ['darwin', 'linux', 'win32']),
    new MakerDeb({
      options: {
        name: 'datalit',
        productName: 'Datalit Studio',
        genericName: 'SQL Learning Studio',
        bin: 'datalit',
        section: 'education',
        categories: ['Education'],
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
