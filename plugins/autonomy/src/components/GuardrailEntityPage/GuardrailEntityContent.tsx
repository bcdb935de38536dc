import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { autonomyApiRef } from '../../api/AutonomyApi';
import { isNotFound } from '../shared/isNotFound';
import { NotAnalysedYet } from '../shared/NotAnalysedYet';
import { GuardrailRecord } from './GuardrailRecord';

const HISTORY_DAYS = 90;
const FAILING_PAGE = 50;

/**
 * A Guardrail entity's own page: its rationale, owner and where it applies, its pass rate per team
 * and over time, open exemptions, opt-outs and tightenings, and the entities failing it. The
 * guardrail id is the entity's name.
 * @public
 */
export const GuardrailEntityContent = () => {
  const { entity } = useEntity();
  const api = useApi(autonomyApiRef);
  const id = entity.metadata.name;
  const detail = useAsync(() => api.getGuardrail(id, HISTORY_DAYS), [api, id]);
  const failing = useAsync(
    () => api.getGuardrailFailing(id, { limit: FAILING_PAGE }),
    [api, id],
  );
  if (detail.loading) return <Progress />;
  if (detail.error && isNotFound(detail.error))
    return (
      <NotAnalysedYet>
        This guardrail has no results yet: it is evaluated at the next analysis
        (or it is invalid; see the catalog's processing errors).
      </NotAnalysedYet>
    );
  if (detail.error) return <ResponseErrorPanel error={detail.error} />;
  return <GuardrailRecord detail={detail.value!} failing={failing.value} />;
};
