import { useEffect, useId, useState, type FormEvent } from 'react';
import {
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
  Typography,
} from '@material-ui/core';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';
import { useApi } from '@backstage/core-plugin-api';
import type {
  CreateExemptionRequest,
  Exemption,
} from '@aligned-autonomy/plugin-autonomy-common';
import { autonomyApiRef } from '../../api/AutonomyApi';
import { endOfDayUtc, isoDay } from './dates';
import { serverMessage } from './errorMessage';

/** Days ahead the expiry defaults to; the server enforces the maximum (90 days by default). */
export const DEFAULT_EXPIRY_DAYS = 30;

interface FormValues {
  reason: string;
  expiry: string;
  compensatingControl: string;
  decisionRecordUrl: string;
}

const initialValues = (): FormValues => ({
  reason: '',
  expiry: isoDay(Date.now(), DEFAULT_EXPIRY_DAYS),
  compensatingControl: '',
  decisionRecordUrl: '',
});

export function validate(values: FormValues, today: string) {
  const errors: Partial<Record<keyof FormValues, string>> = {};
  if (!values.reason.trim()) errors.reason = 'A reason is required';
  if (!values.expiry) errors.expiry = 'An expiry date is required';
  else if (!endOfDayUtc(values.expiry)) errors.expiry = 'Not a valid date';
  else if (values.expiry < today)
    errors.expiry = 'The expiry date is in the past';
  const url = values.decisionRecordUrl.trim();
  if (url && !/^https?:\/\/\S+$/i.test(url))
    errors.decisionRecordUrl = 'Give an http(s) URL';
  return errors;
}

/** Asks for an exemption of one entity from one guardrail. */
export const ExemptionDialog = ({
  open,
  entityRef,
  guardrail,
  onClose,
  onCreated,
}: {
  open: boolean;
  entityRef: string;
  guardrail: { id: string; title: string };
  onClose: () => void;
  onCreated: (exemption: Exemption) => void;
}) => {
  const api = useApi(autonomyApiRef);
  const uid = useId();
  const [values, setValues] = useState<FormValues>(initialValues);
  const [touched, setTouched] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string>();

  useEffect(() => {
    if (open) {
      setValues(initialValues());
      setTouched(false);
      setSubmitError(undefined);
    }
  }, [open, guardrail.id]);

  const today = isoDay(Date.now());
  const errors = validate(values, today);
  const shown = touched ? errors : {};
  const set =
    (field: keyof FormValues) => (event: { target: { value: string } }) =>
      setValues(v => ({ ...v, [field]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(errors).length > 0 || submitting) return;
    const request: CreateExemptionRequest = {
      entityRef,
      guardrailId: guardrail.id,
      reason: values.reason.trim(),
      expiresAt: endOfDayUtc(values.expiry)!,
    };
    if (values.compensatingControl.trim())
      request.compensatingControl = values.compensatingControl.trim();
    if (values.decisionRecordUrl.trim())
      request.decisionRecordUrl = values.decisionRecordUrl.trim();
    setSubmitting(true);
    setSubmitError(undefined);
    try {
      const exemption = await api.createExemption(request);
      setSubmitting(false);
      onCreated(exemption);
    } catch (e) {
      setSubmitting(false);
      setSubmitError(serverMessage(e));
    }
  };

  const titleId = `${uid}-title`;
  return (
    <Dialog
      open={open}
      onClose={submitting ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>
          Request exemption: {guardrail.title}
        </DialogTitle>
        <DialogContent>
          <DialogContentText variant="body2">
            An exemption counts the guardrail as met until it expires. Say why,
            and what limits the risk meanwhile.
          </DialogContentText>
          {submitError && (
            <Box
              role="alert"
              display="flex"
              alignItems="flex-start"
              gridGap={8}
              color="error.main"
              mt={1}
            >
              <ErrorOutlineIcon aria-hidden />
              <Typography variant="body2">
                Could not create the exemption: {submitError}
              </Typography>
            </Box>
          )}
          <TextField
            label="Reason"
            id={`${uid}-reason`}
            required
            multiline
            minRows={3}
            fullWidth
            margin="normal"
            variant="outlined"
            value={values.reason}
            onChange={set('reason')}
            error={!!shown.reason}
            helperText={shown.reason}
          />
          <TextField
            label="Expiry date"
            id={`${uid}-expiry`}
            type="date"
            required
            fullWidth
            margin="normal"
            variant="outlined"
            value={values.expiry}
            onChange={set('expiry')}
            error={!!shown.expiry}
            helperText={
              shown.expiry ??
              'The exemption ends at the end of this day (UTC). The server limits how far ahead it may be.'
            }
            InputLabelProps={{ shrink: true }}
            inputProps={{ min: today }}
          />
          <TextField
            label="Compensating control"
            id={`${uid}-compensating-control`}
            fullWidth
            margin="normal"
            variant="outlined"
            value={values.compensatingControl}
            onChange={set('compensatingControl')}
            helperText="Optional: what reduces the risk while exempt"
          />
          <TextField
            label="Decision record URL"
            id={`${uid}-decision-record-url`}
            type="url"
            fullWidth
            margin="normal"
            variant="outlined"
            value={values.decisionRecordUrl}
            onChange={set('decisionRecordUrl')}
            error={!!shown.decisionRecordUrl}
            helperText={shown.decisionRecordUrl ?? 'Optional'}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={submitting}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={submitting}
            startIcon={
              submitting ? (
                <CircularProgress size={16} aria-hidden />
              ) : undefined
            }
          >
            Submit
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
