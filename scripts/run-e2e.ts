/**
 * Runs the Playwright end-to-end tests. On Linux without a display it wraps them in
 * `xvfb-run` so the Electron tests get a screen (the web tests are headless either way).
 */
import { spawnSync } from 'node:child_process';

const args = ['playwright', 'test', ...process.argv.slice(2)];
const needsXvfb = process.platform === 'linux' && !process.env.DISPLAY;
const hasXvfb = needsXvfb && spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;
if (needsXvfb && !hasXvfb)
  console.log('[e2e] xvfb-run not found: Electron tests will need a display (they skip when Electron is absent anyway)');
const [cmd, cmdArgs] = hasXvfb ? ['xvfb-run', ['-a', 'npx', ...args]] : ['npx', args];
const result = spawnSync(cmd, cmdArgs, { stdio: 'inherit' });
process.exit(result.status ?? 1);
