import {
  expect,
  type APIRequestContext,
  type Locator,
  type Page,
  type TestInfo,
} from '@playwright/test';

export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** The backend the app talks to (app-config.yaml `backend.baseUrl`). */
export const BACKEND_URL =
  process.env.PLAYWRIGHT_BACKEND_URL ?? 'http://localhost:7007';

/** The demo clusters that `scripts/e2e-backend.sh` starts (packages/local-cluster demo). */
export const DEMO_CLUSTERS = [
  'local-conformant-nvidia',
  'local-partial-amd',
  'local-bare',
] as const;

/**
 * Signs in as guest, in the given theme when one is named (the app keeps the choice in local
 * storage; each call's init script runs after the earlier ones, so the last theme wins).
 */
export async function signIn(page: Page, theme?: Theme) {
  if (theme) {
    await page.addInitScript(
      t => window.localStorage.setItem('theme', t),
      theme,
    );
  }
  await page.goto('/');
  // The sign-in page, or the app shell when this page signed in before (the session is kept).
  // The development bundle can take long to start on a busy machine.
  const enter = page.getByRole('button', { name: 'Enter' });
  const shell = page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'AI Conformance' });
  await expect(enter.or(shell)).toBeVisible({ timeout: 120_000 });
  if (await enter.isVisible()) await enter.click();
  // Signed in once the app shell replaces the sign-in page (navigating earlier lands on the
  // sign-in page again).
  await expect(enter).toHaveCount(0, { timeout: 120_000 });
  await expect(shell).toBeVisible();
}

/** An entity page tab (the new frontend system renders tabs as links of "Content navigation"). */
export function entityTab(page: Page, name: string): Locator {
  return page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name, exact: true });
}

/**
 * Opens an entity page tab that may sit in a tab group (the new frontend system groups entity
 * content, e.g. "Operation"): a group of several tabs is a button that opens a menu of them.
 */
export async function openEntityTab(page: Page, name: string, group: string) {
  const groupButton = page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('button', { name: group, exact: true });
  const direct = entityTab(page, name);
  await expect(direct.or(groupButton)).toBeVisible();
  if (await direct.isVisible()) {
    await direct.click();
    return;
  }
  await groupButton.click();
  // The group's menu lists its tabs as menu items (radio items: one is the current tab).
  const menu = page.getByRole('menu', { name: group, exact: true });
  await menu
    .getByRole('menuitemradio', { name, exact: true })
    .or(menu.getByRole('menuitem', { name, exact: true }))
    .click();
}

/**
 * Waits until the backend has evaluated every demo cluster: the fleet list shows no cluster as
 * "Not evaluated". The first evaluation starts a few seconds after the backend.
 */
export async function waitForEvaluatedFleet(page: Page) {
  await page.goto('/ai-conformance');
  for (const cluster of DEMO_CLUSTERS) {
    await expect(
      page.getByRole('link', { name: cluster, exact: true }),
      `demo cluster ${cluster} is in the fleet (is the demo running? see scripts/e2e-backend.sh)`,
    ).toBeVisible({ timeout: 120_000 });
  }
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/^Clusters \(3 of 3\)$/)).toBeVisible();
    await expect(page.getByText('Not evaluated')).toHaveCount(0);
  }).toPass({ timeout: 240_000, intervals: [2_000, 5_000] });
}

/** A full-page screenshot kept as a test artifact (in the HTML report and the output folder). */
export async function keepScreenshot(
  page: Page,
  testInfo: TestInfo,
  view: string,
  theme: Theme,
) {
  await page.waitForLoadState('networkidle');
  // The screenshot must show the theme it is named after.
  await expect(page.locator('body')).toHaveAttribute('data-theme-mode', theme);
  const file = testInfo.outputPath(`${view}-${theme}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(`${view} (${theme})`, {
    path: file,
    contentType: 'image/png',
  });
}

/** Headers of the guest user for calling the backend directly (the app signs in the same way). */
export async function guestHeaders(request: APIRequestContext) {
  const refresh = await request.get(`${BACKEND_URL}/api/auth/guest/refresh`);
  expect(refresh.ok(), await refresh.text()).toBe(true);
  const token: string = (await refresh.json()).backstageIdentity.token;
  return { Authorization: `Bearer ${token}` };
}
