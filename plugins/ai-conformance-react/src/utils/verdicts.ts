import type { Verdict } from '@internal/plugin-ai-conformance-common';

/**
 * How a verdict is shown: the label, the MUI palette color and a sentence for screen readers.
 *
 * @public
 */
export interface VerdictPresentation {
  label: string;
  color: 'success' | 'error' | 'default' | 'warning' | 'info';
  description: string;
}

const PRESENTATION: Record<Verdict, VerdictPresentation> = {
  pass: {
    label: 'Pass',
    color: 'success',
    description: 'The evidence shows the requirement is met.',
  },
  fail: {
    label: 'Fail',
    color: 'error',
    description:
      'The mechanism was recognised and the evidence shows it is not met.',
  },
  'not-applicable': {
    label: 'N/A',
    color: 'default',
    description: 'The requirement does not apply to this cluster.',
  },
  unknown: {
    label: 'Unknown',
    color: 'info',
    description:
      'No known mechanism was recognised; manual evidence is needed. Not a failure.',
  },
  error: {
    label: 'Error',
    color: 'warning',
    description: 'The check could not be made; the reason says what to fix.',
  },
};

/** @public */
export function getVerdictPresentation(verdict: Verdict): VerdictPresentation {
  return PRESENTATION[verdict] ?? PRESENTATION.unknown;
}
