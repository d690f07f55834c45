import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { utilisation } from './format';

/** Allocated of allocatable as a bar with the figures beside it. */
export function UtilisationBar(props: {
  allocated: number;
  allocatable: number;
}) {
  const { allocated, allocatable } = props;
  const percent = utilisation(allocated, allocatable);
  let color: 'success' | 'warning' | 'error' = 'success';
  if (percent >= 90) color = 'error';
  else if (percent >= 70) color = 'warning';
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 160 }}>
      <Box sx={{ flexGrow: 1 }}>
        <LinearProgress
          variant="determinate"
          value={percent}
          color={color}
          aria-label={`${allocated} of ${allocatable} allocated`}
        />
      </Box>
      <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>
        {allocated}/{allocatable} ({percent}%)
      </Typography>
    </Box>
  );
}
