import { useState } from 'react';
import { Button, Typography } from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useApi } from '@backstage/core-plugin-api';
import { autonomyApiRef, type ScorecardFilters } from '../../api/AutonomyApi';

/** Saves text as a file through a temporary object URL. */
export function saveFile(text: string, fileName: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Let the browser start the download before the URL goes.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/**
 * Downloads the CSV of every entity matching the filters. The export is fetched with the user's
 * token (a plain link would not carry it), then saved from a Blob.
 */
export const ExportCsvButton = ({ query }: { query: ScorecardFilters }) => {
  const api = useApi(autonomyApiRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const onClick = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const csv = await api.downloadScorecardsCsv(query);
      saveFile(csv, 'scorecards.csv', 'text/csv;charset=utf-8');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        variant="outlined"
        color="primary"
        size="small"
        startIcon={<GetAppIcon aria-hidden />}
        onClick={onClick}
        disabled={busy}
        aria-busy={busy}
      >
        Export CSV
      </Button>
      {error && (
        <Typography variant="caption" color="error" role="alert">
          Export failed: {error}
        </Typography>
      )}
    </>
  );
};
