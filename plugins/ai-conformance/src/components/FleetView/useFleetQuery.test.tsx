import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import {
  MemoryRouter,
  useLocation,
  useNavigate,
  type Location,
  type NavigateFunction,
} from 'react-router-dom';
import { useFleetQuery } from './useFleetQuery';

function setup(initial: string) {
  const seen: { location?: Location; navigate?: NavigateFunction } = {};
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MemoryRouter initialEntries={[initial]}>{children}</MemoryRouter>
  );
  const hook = renderHook(
    () => {
      seen.location = useLocation();
      seen.navigate = useNavigate();
      return useFleetQuery();
    },
    { wrapper },
  );
  return { hook, seen };
}

describe('useFleetQuery', () => {
  it('reads the view from the URL', () => {
    const { hook } = setup('/fleet?tab=matrix&provider=aws&group=owner');
    const [query] = hook.result.current;
    expect(query.tab).toBe('matrix');
    expect(query.filters.provider).toBe('aws');
    expect(query.group).toBe('owner');
  });

  it('shows a change at once and writes it to the URL, replacing the entry unless the tab changes', async () => {
    const { hook, seen } = setup('/fleet?tab=matrix');
    act(() =>
      hook.result.current[1]({
        filters: { ...hook.result.current[0].filters, provider: 'gcp' },
      }),
    );
    expect(hook.result.current[0].filters.provider).toBe('gcp');
    await waitFor(() =>
      expect(seen.location?.search).toBe('?tab=matrix&provider=gcp'),
    );
    // A filter change replaced the entry; a tab change pushes one.
    act(() => hook.result.current[1]({ tab: 'trends' }));
    await waitFor(() =>
      expect(seen.location?.search).toBe('?tab=trends&provider=gcp'),
    );
    act(() => seen.navigate!(-1));
    await waitFor(() =>
      expect(seen.location?.search).toBe('?tab=matrix&provider=gcp'),
    );
    expect(hook.result.current[0].tab).toBe('matrix');
  });

  it('keeps both of two changes made before a render', async () => {
    const { hook, seen } = setup('/fleet');
    act(() => {
      hook.result.current[1]({ group: 'provider' });
      hook.result.current[1]({ tab: 'matrix' });
    });
    expect(hook.result.current[0]).toMatchObject({
      group: 'provider',
      tab: 'matrix',
    });
    await waitFor(() =>
      expect(seen.location?.search).toBe('?tab=matrix&group=provider'),
    );
  });

  it('follows a navigation made elsewhere (back, a link) over an earlier change', async () => {
    const { hook, seen } = setup('/fleet?provider=aws');
    act(() =>
      hook.result.current[1]({
        filters: { ...hook.result.current[0].filters, provider: 'azure' },
      }),
    );
    act(() => seen.navigate!('/fleet?provider=other'));
    await waitFor(() =>
      expect(hook.result.current[0].filters.provider).toBe('other'),
    );
  });
});
