import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import VerifiedOutlined from '@mui/icons-material/VerifiedOutlined';
import GppBadOutlined from '@mui/icons-material/GppBadOutlined';
import PendingOutlined from '@mui/icons-material/PendingOutlined';
import HourglassEmpty from '@mui/icons-material/HourglassEmpty';
import type { EvaluationSummary } from '@internal/plugin-ai-conformance-common';
import { describeReadiness } from './readiness';

/** @public */
export interface ConformanceBadgeProps {
  /** The summary of the latest evaluation; without it the badge says "Not evaluated". */
  summary?: EvaluationSummary;
  /** Shown after the label, e.g. "1.35". */
  checklistVersion?: string;
  size?: 'small' | 'medium';
}

const ICONS = {
  conformant: <VerifiedOutlined />,
  'not-conformant': <GppBadOutlined />,
  undecided: <PendingOutlined />,
  'not-evaluated': <HourglassEmpty />,
};

/**
 * The readiness of a cluster in one glance: conformant (every MUST passes or does not apply),
 * not conformant (a MUST fails), undecided (a MUST could not be decided) or not evaluated.
 *
 * @public
 */
export function ConformanceBadge(props: ConformanceBadgeProps) {
  const { summary, checklistVersion, size = 'medium' } = props;
  const readiness = describeReadiness(summary);
  const label = checklistVersion
    ? `${readiness.label} · ${checklistVersion}`
    : readiness.label;
  return (
    <Tooltip title={readiness.detail}>
      <Chip
        size={size}
        color={readiness.color}
        icon={ICONS[readiness.state]}
        label={label}
        aria-label={`AI conformance: ${label}. ${readiness.detail}`}
      />
    </Tooltip>
  );
}
