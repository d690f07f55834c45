import { test, expect, Locator, Page } from '@playwright/test';
import { signIn } from './support';

/* Both capacity views against the running portal and backend with the demo clusters
   (scripts/e2e-backend.sh): the cluster capacity tab of a cluster entity and the fleet capacity
   page with its "N free units of model X" search. The backend takes a snapshot with each
   evaluation; the first one is taken a few seconds after it starts, so the first visit may wait.
   Every figure shown is checked against the snapshot the page itself loaded from the backend
   (whose figures the integration tests compare with kubectl and kubectl-view-allocations). */

const NVIDIA = 'resource:default/local-conformant-nvidia';
const AMD = 'resource:default/local-partial-amd';
const H100 = 'NVIDIA-H100-80GB-HBM3';

interface Devices {
  allocatable: number;
  allocated: number;
  free: number;
}
interface Snapshot {
  totals: {
    nodes: number;
    acceleratorNodes: number;
    physical: number;
    devices: Devices;
  };
  models: Array<{
    vendor: string;
    model: string;
    physical: number;
    devices: Devices;
  }>;
  nodes: Array<{
    name: string;
    ready: boolean;
    unschedulable: boolean;
    accelerators: Array<{ vendor: string; model: string; devices: Devices }>;
  }>;
  dra: { devices: Array<{ device: string; node?: string }> };
  queues: Array<{ name: string }>;
}

const isResponse = (url: string, path: string) =>
  decodeURIComponent(new URL(url).pathname).endsWith(
    `/api/ai-conformance${path}`,
  );

/** Opens a page and returns the JSON of the backend answer it loads from `path`, once it is 200. */
async function openWithAnswer<T>(
  page: Page,
  url: string,
  path: string,
): Promise<T> {
  let body: T | undefined;
  await expect(async () => {
    // The development bundle can take longer than a short timeout to load on a busy machine,
    // so each attempt waits long enough for the page itself; a 404 (no snapshot yet) retries.
    const answer = page.waitForResponse(r => isResponse(r.url(), path), {
      timeout: 90_000,
    });
    // Handled here too, so an attempt cut short by a slow navigation is not an unhandled rejection.
    answer.catch(() => undefined);
    await page.goto(url);
    const response = await answer;
    expect(response.status(), `${path} answered ${response.status()}`).toBe(
      200,
    );
    body = await response.json();
  }).toPass({ timeout: 240_000 });
  return body!;
}

/** The table that has a column with this header. */
const tableWith = (page: Page, header: string) =>
  page.getByRole('table').filter({
    has: page.getByRole('columnheader', { name: header, exact: true }),
  });

/** The text of each cell of the row of `table` that has a cell reading `text`. */
async function rowCells(table: Locator, text: string): Promise<string[]> {
  const row = table
    .getByRole('row')
    .filter({
      has: table.page().getByRole('cell', { name: text, exact: true }),
    })
    .first();
  await expect(row).toBeVisible();
  return (await row.getByRole('cell').allTextContents()).map(c => c.trim());
}

test('the cluster capacity tab shows per model, per node, DRA devices, queues and trend as the backend computed them', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signIn(page);
  const snapshot = await openWithAnswer<Snapshot>(
    page,
    '/catalog/default/resource/local-conformant-nvidia/ai-capacity',
    `/clusters/${NVIDIA}/capacity`,
  );
  await expect(
    page.getByText(`Accelerator capacity of ${NVIDIA}`).first(),
  ).toBeVisible();

  const { totals } = snapshot;
  await expect(
    page
      .getByText(
        `${totals.acceleratorNodes} of ${totals.nodes} nodes have accelerators`,
      )
      .first(),
  ).toBeVisible();
  await expect(
    page.getByText(`${totals.physical} physical devices`).first(),
  ).toBeVisible();
  await expect(
    page
      .getByText(
        `Whole devices: ${totals.devices.allocated} of ${totals.devices.allocatable} allocated, ${totals.devices.free} free`,
      )
      .first(),
  ).toBeVisible();

  // the summary per model: physical, allocatable, allocated, free
  await expect(page.getByText('Accelerators by model').first()).toBeVisible();
  const h100 = snapshot.models.find(m => m.model === H100);
  expect(h100, 'the conformant-nvidia scenario has H100s').toBeDefined();
  expect(h100!.physical).toBeGreaterThan(0);
  const modelRow = await rowCells(tableWith(page, 'Whole devices used'), H100);
  const { allocatable, allocated, free } = h100!.devices;
  expect(modelRow.join(' | ')).toContain(
    `${allocatable} | ${allocated} | ${free}`,
  );

  // the per-node table: one row per node and vendor, with the node's own figures
  await expect(page.getByText('Nodes', { exact: true }).first()).toBeVisible();
  const nodesTable = tableWith(page, 'Utilisation');
  const gpuNodes = snapshot.nodes.filter(n =>
    n.accelerators.some(a => a.vendor === 'nvidia'),
  );
  expect(gpuNodes.length).toBeGreaterThan(1);
  for (const node of gpuNodes) {
    const a = node.accelerators.find(x => x.vendor === 'nvidia')!;
    const cells = await rowCells(nodesTable, node.name);
    // Node, Pool, Vendor, Model, Physical, Allocatable, Allocated, Free
    expect(cells[3]).toBe(a.model);
    expect(cells.slice(5, 8)).toEqual(
      [a.devices.allocatable, a.devices.allocated, a.devices.free].map(String),
    );
  }

  // sorting by Free: ascending puts the node with the fewest free whole devices first
  await nodesTable
    .getByRole('columnheader', { name: 'Free', exact: true })
    .click();
  const leastFree = Math.min(
    ...snapshot.nodes.flatMap(n => n.accelerators.map(a => a.devices.free)),
  );
  const firstRow = nodesTable.getByRole('row').nth(1);
  await expect(firstRow.getByRole('cell').nth(7)).toHaveText(String(leastFree));

  // DRA devices of the DRA nodes, the Kueue quota and the trend chart
  expect(snapshot.dra.devices.length).toBeGreaterThan(0);
  await expect(
    page.getByText('DRA devices', { exact: true }).first(),
  ).toBeVisible();
  await expect(
    page
      .getByRole('cell', { name: snapshot.dra.devices[0].device, exact: true })
      .first(),
  ).toBeVisible();
  await expect(
    page.getByText('Pending demand', { exact: true }).first(),
  ).toBeVisible();
  expect(snapshot.queues.length).toBeGreaterThan(0);
  await expect(page.getByText('Queue quotas (Kueue)').first()).toBeVisible();
  await expect(
    page.getByRole('cell', { name: snapshot.queues[0].name }).first(),
  ).toBeVisible();
  await expect(page.getByText('Trend', { exact: true }).first()).toBeVisible();
});

test('the fleet capacity page totals the demo clusters and answers "N free units of model X" with clusters and nodes', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signIn(page);
  // the cluster snapshot tells which nodes must answer the search
  const nvidia = await openWithAnswer<Snapshot>(
    page,
    `/ai-conformance/clusters/${encodeURIComponent(NVIDIA)}/capacity`,
    `/clusters/${NVIDIA}/capacity`,
  );
  const fleet = await openWithAnswer<{
    clusters: Array<{ cluster: string; totals: Snapshot['totals'] }>;
  }>(page, '/ai-conformance/capacity', '/capacity');
  await expect(
    page.getByText('Accelerator capacity', { exact: true }).first(),
  ).toBeVisible();
  for (const title of ['By model', 'By provider', 'Clusters']) {
    await expect(page.getByText(title, { exact: true }).first()).toBeVisible();
  }
  expect(fleet.clusters.map(c => c.cluster)).toEqual(
    expect.arrayContaining([NVIDIA, AMD]),
  );
  const clustersTable = tableWith(page, 'Pending pods');
  for (const cluster of [NVIDIA, AMD]) {
    const { totals } = fleet.clusters.find(c => c.cluster === cluster)!;
    const cells = await rowCells(clustersTable, cluster);
    // Cluster, Provider, Models, Physical, Free
    expect(cells.slice(3, 5)).toEqual([
      String(totals.physical),
      String(totals.devices.free),
    ]);
  }

  // "where can I get N free H100s now?": N is the most any H100 node has free
  const h100Nodes = nvidia.nodes.flatMap(n =>
    n.accelerators
      .filter(a => a.model === H100)
      .map(a => ({
        node: n.name,
        free: a.devices.free,
        usable: n.ready && !n.unschedulable,
      })),
  );
  const wanted = Math.max(1, ...h100Nodes.map(n => n.free));
  const expected = h100Nodes
    .filter(n => n.usable && n.free >= wanted)
    .map(n => `${n.node} (${n.free} free)`);
  await page.getByLabel('free units').fill(String(wanted));
  await page.getByLabel('model').fill('H100');
  await page.getByRole('button', { name: 'Find capacity' }).click();
  await expect(
    page.getByText(`Where can I get ${wanted} free H100 now?`).first(),
  ).toBeVisible();
  const answers = tableWith(page, 'Nodes that can take it now');
  const answer = await rowCells(answers, NVIDIA);
  expect(answer[1]).toContain(H100);
  if (expected.length) {
    for (const node of expected) expect(answer[3]).toContain(node);
  } else {
    expect(answer[3]).toBe('none: no single node has that many free');
  }
  // the AMD cluster has no H100: it is not an answer
  await expect(
    answers.getByRole('cell', { name: AMD, exact: true }),
  ).toHaveCount(0);

  // more than any node has: the cluster is listed, with no node that can take it
  await page.getByLabel('free units').fill('1000');
  await page.getByRole('button', { name: 'Find capacity' }).click();
  await expect(
    page.getByText('Where can I get 1000 free H100 now?').first(),
  ).toBeVisible();
  await expect(
    page.getByText('No cluster can take it now').first(),
  ).toBeVisible();
  expect((await rowCells(answers, NVIDIA))[3]).toBe(
    'none: no single node has that many free',
  );

  // another vendor's model answers with the AMD cluster
  await page.getByLabel('free units').fill('1');
  await page.getByLabel('model').fill('MI300X');
  await page.getByRole('button', { name: 'Find capacity' }).click();
  await expect(
    page.getByText('Where can I get 1 free MI300X now?').first(),
  ).toBeVisible();
  expect((await rowCells(answers, AMD))[1]).toContain('MI300X');

  // a cluster of the answer opens its capacity page
  await answers.getByRole('link', { name: AMD, exact: true }).click();
  await expect(
    page.getByText(`Accelerator capacity of ${AMD}`).first(),
  ).toBeVisible();
  await expect(page).toHaveURL(
    /\/ai-conformance\/clusters\/resource%3Adefault%2Flocal-partial-amd\/capacity$/,
  );
});
