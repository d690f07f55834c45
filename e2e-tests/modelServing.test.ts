import { test, expect, Page } from '@playwright/test';
import { entityTab, signIn } from './support';

/* Against the running portal with the demo clusters (`yarn cluster:demo`, then the portal with
   .local-cluster/app-config.demo.yaml): their model servers are catalog entities. The provider
   refreshes every minute, so the first visit may wait for the first refresh.
   conformant-nvidia serves ml-serving/llama-3-8b (KServe InferenceService), an InferencePool with
   vLLM and llm-d; partial-amd serves inference/vllm-rocm (a plain vLLM ROCm Deployment). */

/** Opens the fleet view (at `query`), reloading until the provider's first refresh has run. */
async function openFleetView(page: Page, query = '') {
  await page.goto(`/ai-conformance/model-serving${query}`);
  const table = page.getByRole('table', { name: 'Model servers' });
  const empty = page.getByText('No model servers in the catalog');
  // The development bundle can take a while to start on a busy machine.
  await expect(table.or(empty)).toBeVisible({ timeout: 90_000 });
  await expect(async () => {
    if (await empty.isVisible()) await page.reload();
    await expect(table).toBeVisible({ timeout: 20_000 });
  }).toPass({ timeout: 150_000 });
  return table;
}

test('the model-serving fleet view lists the demo model servers and filters them, with the filters in the URL', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signIn(page);
  const table = await openFleetView(page);
  await expect(table.getByText('ml-serving/llama-3-8b')).toBeVisible();
  await expect(table.getByText('inference/vllm-rocm')).toBeVisible();
  const all = await table.getByRole('row').count();

  await page.getByRole('combobox', { name: 'Cluster' }).click();
  await page.getByRole('option', { name: 'local-partial-amd' }).click();
  await expect(table.getByText('ml-serving/llama-3-8b')).toHaveCount(0);
  await expect(table.getByText('inference/vllm-rocm')).toBeVisible();
  expect(await table.getByRole('row').count()).toBeLessThan(all);
  await expect(page).toHaveURL(/[?&]cluster=local-partial-amd(&|$)/);

  // A second filter joins the first; a reload keeps both.
  await page.getByRole('combobox', { name: 'Runtime' }).click();
  await page.getByRole('option', { name: 'vllm', exact: true }).click();
  await expect(page).toHaveURL(/runtime=vllm/);
  await page.reload();
  const reloaded = page.getByRole('table', { name: 'Model servers' });
  await expect(reloaded.getByText('inference/vllm-rocm')).toBeVisible();
  await expect(reloaded.getByText('ml-serving/llama-3-8b')).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Cluster' })).toHaveText(
    'local-partial-amd',
  );

  // A shared link opens filtered: the nvidia cluster's ready servers only.
  const shared = await openFleetView(
    page,
    '?cluster=local-conformant-nvidia&readiness=ready',
  );
  await expect(shared.getByText('ml-serving/llama-3-8b')).toBeVisible();
  await expect(shared.getByText('inference/vllm-rocm')).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Readiness' })).toHaveText(
    'ready',
  );
});

test('a model server entity shows status, endpoint, models, accelerators and the cluster verdicts', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signIn(page);
  const table = await openFleetView(page);
  await table.getByRole('link', { name: 'ml-serving/llama-3-8b' }).click();
  await entityTab(page, 'Model server').click();

  await expect(page.getByText('Ready', { exact: true }).first()).toBeVisible();
  await expect(
    page.getByRole('link', {
      name: 'http://llama-3-8b-ml-serving.example.com',
    }),
  ).toBeVisible();
  await expect(page.getByText('llama3 (huggingface)')).toBeVisible();
  await expect(
    page.getByText(
      'serving.kserve.io/v1beta1 InferenceService ml-serving/llama-3-8b',
    ),
  ).toBeVisible();
  const accelerators = page.getByRole('table', { name: 'Accelerators' });
  await expect(accelerators.getByText('nvidia', { exact: true })).toBeVisible();
  await expect(
    // the cluster's entity, shown by its name or title
    page.getByRole('link', { name: /local[- ]conformant-nvidia/i }).first(),
  ).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: 'Inference requirements of the cluster' })
      .getByText('ai_inference'),
  ).toBeVisible();
});

test("the Kubernetes plugin's tab shows the server's workloads on its own cluster", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signIn(page);
  const table = await openFleetView(page);
  await table.getByRole('link', { name: 'inference/vllm-rocm' }).click();
  await entityTab(page, 'Model server').click();
  await expect(page.getByText('vllm rocm7.0.0_vllm_0.10.2')).toBeVisible();
  await expect(
    page
      .getByRole('table', { name: 'Accelerators' })
      .getByRole('cell', { name: 'amd', exact: true }),
  ).toBeVisible();

  await entityTab(page, 'Kubernetes').click();
  await expect(page.getByText('Your Clusters')).toBeVisible();
  // Only the server's cluster (backstage.io/kubernetes-cluster), read without errors, with the
  // Deployment and its two pods found by the entity's label selector.
  await expect(page.getByText(/Local partial-amd/).first()).toBeVisible();
  await expect(page.getByText(/Local conformant-nvidia/)).toHaveCount(0);
  await expect(
    page.getByText('There was a problem retrieving Kubernetes objects'),
  ).toHaveCount(0);
  await expect(page.getByText('2 pods')).toBeVisible();
  await page
    .getByText(/Local partial-amd/)
    .first()
    .click();
  await expect(
    page.getByText('vllm-rocm', { exact: true }).first(),
  ).toBeVisible();
});
