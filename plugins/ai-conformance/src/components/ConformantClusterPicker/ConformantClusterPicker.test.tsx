import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { aiConformanceApiRef } from '@internal/plugin-ai-conformance-react';
import { fireEvent, screen } from '@testing-library/react';
import { mockApi } from '../../__fixtures__/data';
import { ConformantClusterPicker } from './ConformantClusterPicker';

async function render(options: object, onChange = jest.fn()) {
  const props = {
    onChange,
    formData: undefined,
    required: true,
    rawErrors: [],
    uiSchema: { 'ui:options': options },
    schema: { title: 'Cluster' },
    idSchema: { $id: 'root_cluster' },
  } as any;
  await renderInTestApp(
    <TestApiProvider apis={[[aiConformanceApiRef, mockApi()]]}>
      <ConformantClusterPicker {...props} />
    </TestApiProvider>,
  );
  return onChange;
}

describe('ConformantClusterPicker', () => {
  it('offers only conformant clusters passing the named requirements, by identity', async () => {
    const onChange = await render({ requirements: ['gang_scheduling'] });
    fireEvent.mouseDown(await screen.findByLabelText(/Cluster/));
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'tpu-west (Google Cloud, checklist 1.34)',
    ]);
    fireEvent.click(options[0]);
    // tpu-west comes from app-config: its value is its identity config:<name>
    expect(onChange).toHaveBeenCalledWith('config:tpu-west');
  });

  it('says so when no cluster meets the conditions', async () => {
    await render({ requirements: ['accelerator_metrics'] });
    expect(
      await screen.findByText(
        'No cluster is AI conformant and passing accelerator_metrics; see the AI Conformance page for what each cluster lacks.',
      ),
    ).toBeInTheDocument();
  });
});
