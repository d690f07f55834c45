import { test, expect, Page } from '@playwright/test';

/* Against the running portal with the demo clusters (`yarn cluster:demo`, then the portal with
   .local-cluster/app-config.demo.yaml): their model servers are catalog entities. The provider
   refreshes every minute, so the first visit may wait for the first refresh. */

async function signIn(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
}

test('the model-serving fleet view lists the demo model servers and filters them', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page);
  await expect(async () => {
    await page.goto('/ai-conformance/model-serving');
    await expect(
      page.getByRole('table', { name: 'Model servers' }),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 150_000 });
  const table = page.getByRole('table', { name: 'Model servers' });
  // conformant-nvidia: KServe InferenceService, InferencePool with vLLM, llm-d; partial-amd: vLLM ROCm
  await expect(table.getByText('serving/llama-3-8b')).toBeVisible();
  await expect(table.getByText('inference/vllm-rocm')).toBeVisible();
  const all = await table.getByRole('row').count();

  await page.getByRole('combobox', { name: 'Cluster' }).click();
  await page.getByRole('option', { name: 'local-partial-amd' }).click();
  await expect(table.getByText('serving/llama-3-8b')).toHaveCount(0);
  await expect(table.getByText('inference/vllm-rocm')).toBeVisible();
  expect(await table.getByRole('row').count()).toBeLessThan(all);
});

test('a model server entity shows status, models, accelerators, the cluster verdicts and the Kubernetes tab', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page);
  await expect(async () => {
    await page.goto('/ai-conformance/model-serving');
    await page
      .getByRole('link', { name: 'inference/vllm-rocm' })
      .click({ timeout: 5_000 });
  }).toPass({ timeout: 150_000 });
  await page.getByRole('tab', { name: 'Model server' }).click();
  await expect(
    page.getByText('Model server', { exact: true }).first(),
  ).toBeVisible();
  await expect(page.getByText('vllm rocm7.0.0_vllm_0.10.2')).toBeVisible();
  const accelerators = page.getByRole('table', { name: 'Accelerators' });
  await expect(accelerators.getByText('amd')).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: 'Inference requirements of the cluster' })
      .getByText('ai_inference'),
  ).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Kubernetes' })).toBeVisible();
});
