import { useState } from 'react';
import { Box, Button, Grid, TextField, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  autonomyGuardrailPreviewPermission,
  type GuardrailPreviewResponse,
} from '@aligned-autonomy/plugin-autonomy-common';
import { autonomyApiRef } from '../../api/AutonomyApi';
import { serverMessage } from '../GuardrailScorecard/errorMessage';
import { PreviewImpact } from './PreviewImpact';

/** What the text box starts with: a Guardrail entity as a team would commit it. */
export const EXAMPLE_DEFINITION = `apiVersion: aligned-autonomy.io/v1alpha1
kind: Guardrail
metadata:
  name: tier1-has-runbook
  title: Tier-1 services have a runbook
spec:
  type: required
  owner: group:default/platform-runtime
  rationale:
    why: Whoever is paged at 3 a.m. needs steps, not a search.
  appliesTo: { kind: component, tier: '1' }
  rule: { fact: entity.annotations.aligned-autonomy.io/runbook, exists: true }
  level: bronze
`;

type PreviewState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; impact: GuardrailPreviewResponse }
  | { status: 'error'; message: string };

/**
 * The guardrail preview (dry run): a platform engineer pastes a definition, as YAML or JSON, in
 * the app-config or the Guardrail entity shape, and sees what it would do before committing it.
 * Nothing is stored. Only those the policy allows `autonomy.guardrail.preview` see the form.
 */
export const GuardrailPreviewContent = () => {
  const api = useApi(autonomyApiRef);
  const { loading: checking, allowed } = usePermission({
    permission: autonomyGuardrailPreviewPermission,
  });
  const [definition, setDefinition] = useState(EXAMPLE_DEFINITION);
  const [state, setState] = useState<PreviewState>({ status: 'idle' });

  if (checking) return <Progress />;
  if (!allowed)
    return (
      <Alert severity="info" aria-label="Not allowed to preview guardrails">
        Previewing a guardrail shows results across the whole catalog, so it is
        for platform engineers: your permission policy does not allow you{' '}
        <code>autonomy.guardrail.preview</code>. Ask your platform team to
        preview a definition for you, or to grant the permission.
      </Alert>
    );

  const preview = async () => {
    setState({ status: 'loading' });
    try {
      setState({
        status: 'done',
        impact: await api.previewGuardrail(definition),
      });
    } catch (error) {
      setState({ status: 'error', message: serverMessage(error) });
    }
  };

  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <InfoCard title="Preview a guardrail before enforcing it">
          <Typography variant="body2" paragraph>
            Paste a new or changed guardrail: a Guardrail entity or an
            app-config definition, in YAML or JSON. The preview answers from the
            latest analysis (its facts, results and exemptions) and stores
            nothing.
          </Typography>
          <TextField
            id="guardrail-preview-definition"
            label="Guardrail definition (YAML or JSON)"
            value={definition}
            onChange={e => setDefinition(e.target.value)}
            multiline
            minRows={12}
            fullWidth
            variant="outlined"
            inputProps={{
              spellCheck: false,
              style: { fontFamily: 'monospace' },
            }}
          />
          <Box mt={2}>
            <Button
              variant="contained"
              color="primary"
              onClick={preview}
              disabled={state.status === 'loading' || !definition.trim()}
            >
              Preview impact
            </Button>
          </Box>
          {state.status === 'error' && (
            <Box mt={2}>
              <Alert severity="error" aria-label="Definition problem">
                {state.message}
              </Alert>
            </Box>
          )}
        </InfoCard>
      </Grid>
      {state.status === 'loading' && (
        <Grid item xs={12}>
          <Progress />
        </Grid>
      )}
      {state.status === 'done' && (
        <Grid item xs={12}>
          <PreviewImpact impact={state.impact} />
        </Grid>
      )}
    </Grid>
  );
};
