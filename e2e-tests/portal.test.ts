import { test, expect } from '@playwright/test';

test('a guest signs in and reaches the AI Conformance page from the sidebar', async ({
  page,
}) => {
  await page.goto('/');

  const enterButton = page.getByRole('button', { name: 'Enter' });
  await expect(enterButton).toBeVisible();
  await enterButton.click();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();

  const suiteLink = nav.getByRole('link', { name: 'AI Conformance' });
  await expect(suiteLink).toBeVisible();
  await suiteLink.click();

  await expect(page).toHaveURL(/\/ai-conformance/);
  await expect(
    page.getByRole('heading', { name: /AI Conformance/ }).first(),
  ).toBeVisible();
});
