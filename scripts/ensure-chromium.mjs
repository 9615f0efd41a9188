// Runs before the end-to-end tests (`npm run test:e2e`, so within `npm test`): they drive Debian's
// Chromium, and a Chinese font makes their screenshots readable. As root (CI, a fresh container) this
// installs what is missing with apt-get, as the README promises; anyone else gets one line naming the
// command to run, before the tests start rather than as a launch error in each of them.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const PACKAGES = { chromium: 'chromium', font: 'fonts-wqy-microhei' };
const INSTALL = `sudo apt-get install ${PACKAGES.chromium} ${PACKAGES.font}`;
const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'; // test/e2e/browser.ts launches the same
// Committed screenshots (`npm run screenshots`) must show Chinese, not boxes: there the font is required.
const fontRequired = process.env.E2E_SCREENSHOTS === 'docs';

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
const hasChineseFont = () => (spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).stdout ?? '').trim() !== '';
const missing = () => [...(executable(path) ? [] : [PACKAGES.chromium]), ...(hasChineseFont() ? [] : [PACKAGES.font])];

let wanted = missing();
// Only Debian's own path is apt-get's to fill; a CHROMIUM_PATH that points nowhere is the caller's to fix.
if (wanted.length > 0 && process.getuid?.() === 0 && !process.env.CHROMIUM_PATH && executable('/usr/bin/apt-get')) {
  console.log(`Installing Debian's ${wanted.join(' and ')} for the end-to-end tests…`);
  const apt = (args) =>
    spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (apt(['update', '-qq']).status === 0) apt(['install', '-y', '-qq', ...wanted]);
  wanted = missing();
}

if (wanted.includes(PACKAGES.chromium)) {
  console.error(
    process.env.CHROMIUM_PATH
      ? `The end-to-end tests need Chromium, and CHROMIUM_PATH=${path} is not an executable: point it at one, or unset it and run \`${INSTALL}\`.`
      : `The end-to-end tests need Debian's Chromium at ${path}: run \`${INSTALL}\`, then run the tests again.`,
  );
  process.exit(1);
}
if (wanted.includes(PACKAGES.font)) {
  const line = `No Chinese font: screenshots show boxes for Chinese text; \`${INSTALL}\` installs one.`;
  if (fontRequired) {
    console.error(line);
    process.exit(1);
  }
  console.warn(line);
}
