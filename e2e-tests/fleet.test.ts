import { expect, test, type APIRequestContext } from '@playwright/test';
import {
  BACKEND_URL,
  DEMO_CLUSTERS,
  openEntityTab,
  guestHeaders,
  keepScreenshot,
  signIn,
  THEMES,
  waitForEvaluatedFleet,
} from './support';

// The views below read the live backend evaluating the demo clusters (scripts/e2e-backend.sh).
// Each view is a full page load of the development bundle (12 s and more on a busy 2-core
// machine) plus sign-in: a minute is not always enough.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

test('the backend evaluates the three demo clusters', async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, 'light');
  await waitForEvaluatedFleet(page);
});

for (const theme of THEMES) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await signIn(page, theme);
    });

    test('fleet list fits a 1440 px screen', async ({ page }, testInfo) => {
      await page.goto('/ai-conformance');
      const list = page.getByTestId('fleet-list');
      await expect(
        list.getByRole('link', { name: DEMO_CLUSTERS[0] }),
      ).toBeVisible();
      // No column is cut off: the table is not wider than its card.
      const overflow = await list.evaluate(
        el => el.scrollWidth - el.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      // Short columns never wrap: every "Last evaluated" cell is one line.
      const header = list.getByRole('columnheader', { name: 'Last evaluated' });
      const box = await header.boundingBox();
      expect(box!.height).toBeLessThan(60);
      await keepScreenshot(page, testInfo, 'fleet-list', theme);
    });

    test('fleet matrix: grouped by provider, reasons on hover, keyboard navigation', async ({
      page,
    }, testInfo) => {
      await page.goto('/ai-conformance?tab=matrix&group=provider');
      const grid = page.getByRole('grid');
      await expect(grid).toBeVisible();
      for (const cluster of DEMO_CLUSTERS) {
        await expect(
          grid.getByRole('rowheader', { name: new RegExp(cluster) }),
        ).toBeVisible();
      }
      // The demo's node labels: EKS node groups (nvidia) and GKE node pools (bare).
      await expect(
        grid.getByRole('rowheader', { name: /^AWS \(\d+\)$/ }),
      ).toBeVisible();
      await expect(
        grid.getByRole('rowheader', { name: /^Google Cloud \(\d+\)$/ }),
      ).toBeVisible();

      // Why does partial-amd fail? The cell's title (hover) says so.
      const failing = grid
        .getByRole('gridcell', { name: /on local-partial-amd: Fail\./ })
        .first();
      await expect(failing).toHaveAttribute(
        'title',
        /on local-partial-amd: Fail\. .+/,
      );

      // One tab stop; arrows move it.
      const first = grid.locator('[tabindex="0"]');
      await expect(first).toHaveCount(1);
      await first.focus();
      await page.keyboard.press('ArrowRight');
      await expect(page.locator(':focus')).toHaveAttribute('role', 'gridcell');
      await page.keyboard.press('Space');
      await expect(
        page.getByRole('region', { name: 'Selected cell' }),
      ).toBeVisible();
      await expect(page).toHaveURL(/cell=/);
      await keepScreenshot(page, testInfo, 'fleet-matrix', theme);

      // A link reproduces the view.
      const url = page.url();
      await page.goto(url);
      await expect(
        page.getByRole('region', { name: 'Selected cell' }),
      ).toBeVisible();
    });

    test('cluster view opened at a requirement from a matrix cell', async ({
      page,
    }, testInfo) => {
      await page.goto('/ai-conformance?tab=matrix');
      await page
        .getByRole('gridcell', { name: /on local-partial-amd: Fail\./ })
        .first()
        .locator('a')
        .click();
      // Clusters are linked by identity (the entity ref, URI-encoded).
      await expect(page).toHaveURL(
        /\/ai-conformance\/clusters\/resource%3Adefault%2Flocal-partial-amd\?requirement=/,
      );
      await expect(page.getByRole('button', { name: /Run now/ })).toBeVisible();
      await expect(page.locator('[id$="-details"]').first()).toBeVisible();
      await keepScreenshot(page, testInfo, 'cluster', theme);
    });

    test('requirement across the fleet', async ({ page }, testInfo) => {
      await page.goto('/ai-conformance/requirements/gang_scheduling');
      for (const cluster of DEMO_CLUSTERS) {
        await expect(
          page.getByRole('link', { name: cluster }).first(),
        ).toBeVisible();
      }
      await keepScreenshot(page, testInfo, 'requirement', theme);
    });

    test('cluster entity tab and card', async ({ page }, testInfo) => {
      await page.goto('/catalog/default/resource/local-conformant-nvidia');
      await expect(page.getByText(/MUST/).first()).toBeVisible();
      await keepScreenshot(page, testInfo, 'entity-card-cluster', theme);
      // The tab is in the entity page's "Operation" group (the plugin's entity content).
      await openEntityTab(page, 'AI Conformance', 'Operation');
      await expect(page).toHaveURL(
        /\/catalog\/default\/resource\/local-conformant-nvidia\/ai-conformance/,
      );
      await expect(page.getByRole('button', { name: /Run now/ })).toBeVisible();
      await keepScreenshot(page, testInfo, 'entity-tab', theme);
    });

    test('component card: readiness of the clusters it deploys to', async ({
      page,
    }, testInfo) => {
      await page.goto('/catalog/default/component/example-inference-api');
      const card = page
        .locator('article, [class*="MuiCard"]')
        .filter({ hasText: 'AI readiness of deployment clusters' });
      await expect(
        card.getByRole('link', { name: 'local-conformant-nvidia' }),
      ).toBeVisible();
      await expect(
        card.getByRole('link', { name: 'local-partial-amd' }),
      ).toBeVisible();
      await keepScreenshot(page, testInfo, 'entity-card-component', theme);
    });

    test('component card: a cluster found through the Kubernetes annotation', async ({
      page,
    }, testInfo) => {
      // example-llama-chat has no dependsOn: only the Kubernetes plugin, through its
      // label-selector annotation, finds its workloads on local-conformant-nvidia.
      await page.goto('/catalog/default/component/example-llama-chat');
      const clusters = page.getByRole('list', { name: 'Deployment clusters' });
      await expect(
        clusters.getByRole('link', { name: 'local-conformant-nvidia' }),
      ).toBeVisible({ timeout: 60_000 });
      await expect(
        clusters.getByText(/via workloads found by the Kubernetes plugin/),
      ).toBeVisible();
      await expect(clusters.getByRole('link')).toHaveCount(1);
      await keepScreenshot(page, testInfo, 'entity-card-component-k8s', theme);
    });

    test('home page card', async ({ page }, testInfo) => {
      await page.goto('/home');
      const card = page.getByTestId('fleet-conformance-home-card');
      await expect(card).toBeVisible();
      await expect(card.getByText(/of 3/)).toBeVisible();
      await expect(
        card.getByRole('link', { name: 'Open the matrix' }),
      ).toBeVisible();
      await keepScreenshot(page, testInfo, 'home-card', theme);
    });

    test('scaffolder field offers only eligible clusters', async ({
      page,
    }, testInfo) => {
      await page.goto('/create/templates/default/ai-inference-service');
      await page.getByLabel(/Cluster/).click();
      // gang_scheduling and ai_inference pass only on conformant-nvidia.
      await expect(
        page.getByRole('option', { name: /local-conformant-nvidia/ }),
      ).toBeVisible();
      await expect(
        page.getByRole('option', { name: /local-partial-amd/ }),
      ).toHaveCount(0);
      await expect(
        page.getByRole('option', { name: /local-bare/ }),
      ).toHaveCount(0);
      await keepScreenshot(page, testInfo, 'scaffolder-field', theme);
      await page.keyboard.press('Escape');
    });
  });
}

/**
 * Runs examples/template/ai-inference-service through the live scaffolder as the guest user
 * (the form's picker would not offer a refused cluster, so the task is created over the API, as a
 * stale form or a script would) and returns the finished task and its log.
 */
async function runTemplate(request: APIRequestContext, cluster: string) {
  const headers = await guestHeaders(request);
  const created = await request.post(`${BACKEND_URL}/api/scaffolder/v2/tasks`, {
    headers,
    data: {
      templateRef: 'template:default/ai-inference-service',
      values: { name: 'demo-inference', cluster },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = await created.json();
  let status = '';
  await expect(async () => {
    const task = await request.get(
      `${BACKEND_URL}/api/scaffolder/v2/tasks/${id}`,
      { headers },
    );
    status = (await task.json()).status;
    expect(['completed', 'failed']).toContain(status);
  }).toPass({ timeout: 60_000 });
  const events = await request.get(
    `${BACKEND_URL}/api/scaffolder/v2/tasks/${id}/events`,
    {
      headers,
    },
  );
  const log = ((await events.json()) as Array<{ body: { message?: string } }>)
    .map(e => e.body.message ?? '')
    .join('\n');
  return { id, status, log };
}

test('the example template refuses a non-conformant demo cluster and accepts a ready one', async ({
  page,
  request,
}, testInfo) => {
  const refused = await runTemplate(
    request,
    'resource:default/local-partial-amd',
  );
  expect(refused.status).toBe('failed');
  expect(refused.log).toContain(
    "Cluster local-partial-amd does not meet this template's AI conformance conditions: requirement gang_scheduling is fail",
  );
  const accepted = await runTemplate(
    request,
    'resource:default/local-conformant-nvidia',
  );
  expect(accepted.log).toContain(
    'Cluster local-conformant-nvidia meets the conditions',
  );
  expect(accepted.status).toBe('completed');

  // The task page shows the refusal and its reasons to the user who ran the template.
  for (const theme of THEMES) {
    await signIn(page, theme);
    await page.goto(`/create/tasks/${refused.id}`);
    await expect(
      page
        .getByText(/does not meet this template's AI conformance conditions/)
        .first(),
    ).toBeVisible();
    await keepScreenshot(page, testInfo, 'scaffolder-refusal', theme);
  }
});

test('trends after a second evaluation, with a time range in the URL', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(240_000);
  await signIn(page, 'light');
  // A second evaluation of one cluster ("run now"), so the trend has two points of history.
  await page.goto(
    `/ai-conformance/clusters/${encodeURIComponent(
      'resource:default/local-bare',
    )}`,
  );
  await page.getByRole('button', { name: /Run now/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(Run|Evaluate|Start)/ })
    .click();
  await expect(
    page.getByText(/queued|running|in progress/i).first(),
  ).toBeVisible();
  const headers = await guestHeaders(request);
  const history = `${BACKEND_URL}/api/ai-conformance/clusters/${encodeURIComponent(
    'resource:default/local-bare',
  )}/history`;
  await expect(async () => {
    const response = await request.get(history, { headers });
    const runs = (await response.json()).runs as Array<{ status: string }>;
    expect(runs.filter(r => r.status === 'ok').length).toBeGreaterThanOrEqual(
      2,
    );
  }).toPass({ timeout: 120_000, intervals: [2_000, 5_000] });

  for (const theme of THEMES) {
    // Each sign-in's init script runs after the earlier ones, so the last theme wins.
    await signIn(page, theme);
    await page.goto('/ai-conformance?tab=trends&range=24h');
    await expect(
      page.getByRole('button', { name: '24 hours' }),
    ).toHaveAttribute('aria-pressed', 'true');
    // The history shows: a line through two or more points of the range, or a dot where a
    // series has one point (both runs above may fall in the same hourly bucket). A flat line
    // has no height, so lines are checked by their points, not their visibility.
    const lines = page.locator('path.recharts-line-curve[d*="L"]');
    const dots = page.locator('.recharts-line-dots circle');
    await expect(lines.or(dots).first()).toBeAttached({ timeout: 60_000 });
    await expect(page.getByText('Share of clusters conformant')).toBeVisible();
    await expect(page.getByText(/^Regressions \(\d+\)$/)).toBeVisible();
    await keepScreenshot(page, testInfo, 'trends', theme);
  }
});
