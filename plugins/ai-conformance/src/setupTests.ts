import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The component tests render full Backstage tables and lazy pages in jsdom; on a loaded CI
// machine they need more than the default 1 s for async queries and 5 s per test.
configure({ asyncUtilTimeout: 15_000 });
jest.setTimeout(60_000);

// Charts (recharts' ResponsiveContainer) observe their container's size; jsdom has no
// ResizeObserver, browsers do.
class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as any).ResizeObserver ??= NoResizeObserver;
