import { render, screen } from '@testing-library/react';
import { VerdictChip } from './VerdictChip';

describe('VerdictChip', () => {
  it.each([
    ['pass', 'Pass'],
    ['fail', 'Fail'],
    ['not-applicable', 'N/A'],
    ['unknown', 'Unknown'],
    ['error', 'Error'],
  ] as const)(
    'labels %s as %s for sighted and screen reader users',
    (verdict, label) => {
      render(<VerdictChip verdict={verdict} />);
      expect(screen.getByText(label)).toBeInTheDocument();
      expect(screen.getByLabelText(`Verdict: ${label}`)).toBeInTheDocument();
    },
  );
});
