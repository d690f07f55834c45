import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type {
  Evidence,
  ObjectReference,
} from '@internal/plugin-ai-conformance-common';

function describeObject(object: ObjectReference): string {
  const name = object.namespace
    ? `${object.namespace}/${object.name}`
    : object.name;
  return `${object.kind} ${name}`;
}

/** The observations behind a verdict: message, Kubernetes object, field and value. */
export function EvidenceList(props: { evidence: Evidence[]; label: string }) {
  const { evidence, label } = props;
  if (evidence.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No evidence was recorded for this verdict.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell>Observation</TableCell>
          <TableCell>Object</TableCell>
          <TableCell>Field</TableCell>
          <TableCell>Value</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {evidence.map((item, index) => (
          <TableRow key={index}>
            <TableCell>{item.message}</TableCell>
            <TableCell>
              {item.object ? (
                <>
                  <Typography
                    variant="body2"
                    component="span"
                    sx={{ fontFamily: 'monospace' }}
                  >
                    {describeObject(item.object)}
                  </Typography>
                  {item.object.apiVersion && (
                    <Typography
                      variant="caption"
                      color="text.secondary"
                      display="block"
                    >
                      {item.object.apiVersion}
                    </Typography>
                  )}
                </>
              ) : (
                '—'
              )}
            </TableCell>
            <TableCell sx={{ fontFamily: 'monospace' }}>
              {item.field ?? '—'}
            </TableCell>
            <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
              {item.value === undefined ? '—' : String(item.value)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
