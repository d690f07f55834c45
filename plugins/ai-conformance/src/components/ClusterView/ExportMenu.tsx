import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@mui/material/Button';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import FileDownload from '@mui/icons-material/FileDownload';
import { aiConformanceExportPermission } from '@internal/plugin-ai-conformance-common';
import {
  aiConformanceApiRef,
  describeError,
} from '@internal/plugin-ai-conformance-react';
import { useState } from 'react';
import { safeFileName, saveTextFile } from '../../utils/download';
import { ProductYamlDialog } from './ProductYamlDialog';

/** Downloads of one cluster's results (JUnit XML, PRODUCT.yaml), for users allowed to export. */
export function ExportMenu(props: {
  cluster: string;
  checklistVersion?: string;
}) {
  const { cluster, checklistVersion } = props;
  const api = useApi(aiConformanceApiRef);
  const alertApi = useApi(alertApiRef);
  const canExport = usePermission({
    permission: aiConformanceExportPermission,
    resourceRef: cluster,
  });
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [productYamlOpen, setProductYamlOpen] = useState(false);

  if (!canExport.allowed) {
    return null;
  }

  const downloadJUnit = async () => {
    setAnchor(null);
    try {
      const xml = await api.exportJUnit(cluster);
      saveTextFile(
        `${safeFileName(cluster)}-ai-conformance.junit.xml`,
        xml,
        'application/xml',
      );
    } catch (error) {
      alertApi.post({
        message: `Could not export JUnit for ${cluster}: ${describeError(
          error,
        )}`,
        severity: 'error',
      });
    }
  };

  return (
    <>
      <Button
        variant="outlined"
        startIcon={<FileDownload />}
        aria-haspopup="menu"
        aria-controls={anchor ? 'ai-conformance-export-menu' : undefined}
        onClick={event => setAnchor(event.currentTarget)}
      >
        Export
      </Button>
      <Menu
        id="ai-conformance-export-menu"
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
      >
        <MenuItem onClick={downloadJUnit}>
          JUnit XML (for CI dashboards)
        </MenuItem>
        <MenuItem
          onClick={() => {
            setAnchor(null);
            setProductYamlOpen(true);
          }}
        >
          PRODUCT.yaml (CNCF submission draft)…
        </MenuItem>
      </Menu>
      <ProductYamlDialog
        cluster={cluster}
        checklistVersion={checklistVersion}
        open={productYamlOpen}
        onClose={() => setProductYamlOpen(false)}
      />
    </>
  );
}
