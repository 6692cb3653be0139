import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

export const SCREENSHOTS = resolve(__dirname, '../../tmp/browser');
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

/** Debian's chromium, headless, as the setup installs it (a browser download of playwright's own cannot work here). */
export function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

/** A browser context of one person: desktop, or a phone's viewport with touch. */
export async function personOn(browser: Browser, consoleUrl: string, device: 'desktop' | 'phone' = 'desktop'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: consoleUrl,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(device === 'phone' ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : { viewport: { width: 1280, height: 900 } }),
  });
  context.setDefaultTimeout(60_000);
  return { context, page: await context.newPage() };
}

/** Signs in on the development sign-in page as one of the identities the console was started with. */
export async function signIn(page: Page, identityId: string): Promise<void> {
  await page.goto('/sign-in');
  await page.locator(`[data-identity="${identityId}"]`).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** Serious and critical accessibility violations axe-core finds on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** A screenshot for review under tmp/browser/, and the page's accessibility checked as it is. */
export async function review(page: Page, name: string): Promise<string[]> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  return seriousViolations(page);
}
