import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, chromium, Page } from 'playwright-core';

import { ROOT } from '@appliance-care/testing';

/** Debian's Chromium (`.ci/run` installs it); Playwright cannot download a browser here. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Screenshots of each screen, for people to look at (git-ignored). */
export const SCREENSHOTS = path.join(ROOT, '.screenshots');

/** Flags that keep Chromium from calling home on this closed network (STACK-NOTES). */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  // Playwright runs it headless with a fresh profile of its own (a throw-away user data dir)
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/** The serious and critical accessibility violations axe-core finds on the page, in words. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
