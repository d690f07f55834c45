import { render, screen } from '@testing-library/react';
import { ConformanceBadge } from './ConformanceBadge';

describe('ConformanceBadge', () => {
  it('shows the readiness with the checklist version', () => {
    render(
      <ConformanceBadge
        checklistVersion="1.36"
        summary={{
          pass: 8,
          fail: 0,
          notApplicable: 1,
          unknown: 0,
          error: 0,
          total: 9,
          mustFailed: 0,
          mustUndecided: 0,
          conformant: true,
        }}
      />,
    );
    expect(screen.getByText('Conformant · 1.36')).toBeInTheDocument();
    expect(
      screen.getByLabelText(/AI conformance: Conformant · 1.36/),
    ).toBeInTheDocument();
  });

  it('shows "Not evaluated" without a summary', () => {
    render(<ConformanceBadge />);
    expect(screen.getByText('Not evaluated')).toBeInTheDocument();
  });
});
