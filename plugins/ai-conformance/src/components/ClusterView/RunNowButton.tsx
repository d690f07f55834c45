import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import PlayArrow from '@mui/icons-material/PlayArrow';
import {
  aiConformanceActiveProbeRunPermission,
  aiConformanceEvaluationCreatePermission,
} from '@internal/plugin-ai-conformance-common';
import {
  aiConformanceApiRef,
  describeError,
} from '@internal/plugin-ai-conformance-react';
import { ResponseError } from '@backstage/errors';
import { useState } from 'react';

function explainFailure(cluster: string, error: unknown): string {
  if (ResponseError.is(error) && error.statusCode === 409) {
    return `An evaluation of ${cluster} is already running; its results appear when it finishes.`;
  }
  if (ResponseError.is(error) && error.statusCode === 403) {
    return `You are not allowed to evaluate ${cluster}; ask its owners or a Backstage admin for the ai-conformance.evaluation.create permission.`;
  }
  return `Could not start an evaluation of ${cluster}: ${describeError(error)}`;
}

/**
 * "Run now": queues an evaluation of the cluster. Shown only to users allowed to create
 * evaluations; the active-probe option only to users also allowed to run probes.
 */
export function RunNowButton(props: {
  cluster: string;
  /** Called with the id of the queued run. */
  onQueued?: (runId: string) => void;
}) {
  const { cluster, onQueued } = props;
  const api = useApi(aiConformanceApiRef);
  const alertApi = useApi(alertApiRef);
  const canRun = usePermission({
    permission: aiConformanceEvaluationCreatePermission,
    resourceRef: cluster,
  });
  const canProbe = usePermission({
    permission: aiConformanceActiveProbeRunPermission,
    resourceRef: cluster,
  });
  const [open, setOpen] = useState(false);
  const [activeProbes, setActiveProbes] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  if (!canRun.allowed) {
    return null;
  }

  const start = async () => {
    setSubmitting(true);
    try {
      const { runId } = await api.runEvaluation(cluster, {
        activeProbes: canProbe.allowed && activeProbes,
      });
      alertApi.post({
        message: `Evaluation of ${cluster} queued; this page refreshes when it finishes.`,
        severity: 'success',
        display: 'transient',
      });
      setOpen(false);
      onQueued?.(runId);
    } catch (error) {
      alertApi.post({
        message: explainFailure(cluster, error),
        severity: 'error',
      });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      <Button
        variant="contained"
        startIcon={<PlayArrow />}
        onClick={() => setOpen(true)}
      >
        Run now
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby="run-now-title"
      >
        <DialogTitle id="run-now-title">Evaluate {cluster} now</DialogTitle>
        <DialogContent>
          <DialogContentText>
            The evaluation reads the cluster's API with the backend's
            credentials and records a new scorecard. It usually takes under a
            minute.
          </DialogContentText>
          {canProbe.allowed && (
            <FormControlLabel
              control={
                <Checkbox
                  checked={activeProbes}
                  onChange={event => setActiveProbes(event.target.checked)}
                />
              }
              label="Also run active probes (they create and delete short-lived test objects in the cluster)"
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button variant="contained" onClick={start} disabled={submitting}>
            Start evaluation
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
