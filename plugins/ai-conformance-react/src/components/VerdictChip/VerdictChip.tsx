import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import CheckCircleOutlined from '@mui/icons-material/CheckCircleOutlined';
import HighlightOff from '@mui/icons-material/HighlightOff';
import RemoveCircleOutline from '@mui/icons-material/RemoveCircleOutline';
import HelpOutline from '@mui/icons-material/HelpOutline';
import ErrorOutline from '@mui/icons-material/ErrorOutline';
import type { Verdict } from '@internal/plugin-ai-conformance-common';
import type { ReactElement } from 'react';
import { getVerdictPresentation } from '../../utils/verdicts';

const ICONS: Record<Verdict, ReactElement> = {
  pass: <CheckCircleOutlined />,
  fail: <HighlightOff />,
  'not-applicable': <RemoveCircleOutline />,
  unknown: <HelpOutline />,
  error: <ErrorOutline />,
};

/** @public */
export interface VerdictChipProps {
  verdict: Verdict;
  size?: 'small' | 'medium';
}

/**
 * The verdict of one requirement as a colored chip with an icon, so that it does not rely on
 * color alone. The tooltip explains what the verdict means.
 *
 * @public
 */
export function VerdictChip(props: VerdictChipProps) {
  const { verdict, size = 'small' } = props;
  const presentation = getVerdictPresentation(verdict);
  return (
    <Tooltip title={presentation.description}>
      <Chip
        size={size}
        variant="outlined"
        color={presentation.color}
        icon={ICONS[verdict]}
        label={presentation.label}
        aria-label={`Verdict: ${presentation.label}`}
        sx={{ fontWeight: 500 }}
      />
    </Tooltip>
  );
}
