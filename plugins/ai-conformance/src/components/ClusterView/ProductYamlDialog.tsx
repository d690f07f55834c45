import { useApi } from '@backstage/core-plugin-api';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Grid from '@mui/material/Grid';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import {
  aiConformanceApiRef,
  describeError,
} from '@internal/plugin-ai-conformance-react';
import { useState } from 'react';
import { safeFileName, saveTextFile } from '../../utils/download';

/** The `metadata` fields of a PRODUCT.yaml submission, in the template's order. */
export const PRODUCT_METADATA_FIELDS: Array<{ key: string; label: string }> = [
  { key: 'platformName', label: 'Platform name' },
  { key: 'platformVersion', label: 'Platform version' },
  { key: 'vendorName', label: 'Vendor name (as in the CNCF members list)' },
  { key: 'websiteUrl', label: 'Website URL' },
  { key: 'repoUrl', label: 'Repository URL (open source only)' },
  { key: 'documentationUrl', label: 'Documentation URL' },
  { key: 'productLogoUrl', label: 'Product logo URL' },
  { key: 'description', label: 'Description' },
  { key: 'contactEmailAddress', label: 'Contact email address' },
  { key: 'k8sConformanceUrl', label: 'Kubernetes conformance URL' },
];

/**
 * Fills the CNCF checklist template with the latest verdicts, plus the submission metadata the
 * user enters. A template file can be uploaded when the backend has none configured.
 */
export function ProductYamlDialog(props: {
  cluster: string;
  checklistVersion?: string;
  open: boolean;
  onClose: () => void;
}) {
  const { cluster, checklistVersion, open, onClose } = props;
  const api = useApi(aiConformanceApiRef);
  const [metadata, setMetadata] = useState<Record<string, string>>({});
  const [template, setTemplate] = useState<{ name: string; text: string }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const onTemplateChosen = async (file: File | undefined) => {
    setTemplate(
      file ? { name: file.name, text: await file.text() } : undefined,
    );
  };

  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const filled = Object.fromEntries(
        Object.entries(metadata).filter(([, v]) => v.trim() !== ''),
      );
      const yaml = await api.exportProductYaml(cluster, {
        template: template?.text,
        metadata: Object.keys(filled).length ? filled : undefined,
      });
      saveTextFile(`${safeFileName(cluster)}-PRODUCT.yaml`, yaml, 'text/yaml');
      onClose();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      maxWidth="md"
      aria-labelledby="product-yaml-title"
    >
      <DialogTitle id="product-yaml-title">
        Draft PRODUCT.yaml for {cluster}
      </DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          Fills the CNCF AI conformance checklist
          {checklistVersion ? ` ${checklistVersion}` : ''} with this cluster's
          latest verdicts and evidence. Review every item before you submit it:
          MUST items need the status Implemented, and N/A items need notes.
        </DialogContentText>
        <Grid container spacing={2}>
          {PRODUCT_METADATA_FIELDS.map(field => (
            <Grid item xs={12} sm={6} key={field.key}>
              <TextField
                fullWidth
                size="small"
                label={field.label}
                value={metadata[field.key] ?? ''}
                onChange={event =>
                  setMetadata({ ...metadata, [field.key]: event.target.value })
                }
              />
            </Grid>
          ))}
          <Grid item xs={12}>
            <Button variant="outlined" component="label">
              Use a template file…
              <input
                hidden
                type="file"
                accept=".yaml,.yml"
                aria-label="Checklist template file"
                onChange={event => onTemplateChosen(event.target.files?.[0])}
              />
            </Button>
            <Typography variant="body2" component="span" sx={{ ml: 2 }}>
              {template
                ? `Template: ${template.name}`
                : `Without a file the backend uses its configured AIConformance-${
                    checklistVersion ?? '<version>'
                  }.yaml.`}
            </Typography>
          </Grid>
        </Grid>
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={download} disabled={busy}>
          Download PRODUCT.yaml
        </Button>
      </DialogActions>
    </Dialog>
  );
}
